// A drawing surface for a signature. The drawn image goes to the server as a PNG attachment; the
// server records the signer's name and the time it received the signature.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function SignaturePad({ onChange }: { onChange: (image: Blob | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.strokeStyle = '#111';
  }, []);

  function point(event: PointerEvent<HTMLCanvasElement>) {
    const element = canvas.current!;
    const box = element.getBoundingClientRect();
    // The canvas keeps a fixed drawing size while CSS scales it to the screen width.
    return { x: ((event.clientX - box.left) * element.width) / box.width, y: ((event.clientY - box.top) * element.height) / box.height };
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    drawing.current = true;
    canvas.current!.setPointerCapture(event.pointerId);
    const { x, y } = point(event);
    context.beginPath();
    context.moveTo(x, y);
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    const context = canvas.current?.getContext('2d');
    if (!drawing.current || !context) return;
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    setEmpty(false);
  }

  function end() {
    if (!drawing.current) return;
    drawing.current = false;
    canvas.current?.toBlob((blob) => onChange(blob), 'image/png');
  }

  function clear() {
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
    setEmpty(true);
    onChange(null);
  }

  return (
    <div className="signature-pad">
      <canvas ref={canvas} width={600} height={200} aria-label={t('procedure.signHere')} data-testid="signature-canvas"
        onPointerDown={start} onPointerMove={move} onPointerUp={end} onPointerLeave={end} />
      <button type="button" onClick={clear} disabled={empty}>{t('procedure.clearSignature')}</button>
    </div>
  );
}
