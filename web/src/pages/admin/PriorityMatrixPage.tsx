// The urgency by impact matrix that turns a work order's urgency and impact into its priority.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPriorityMatrix, savePriorityMatrix } from '../../api/client';
import type { Level, Priority, PriorityMatrixCell } from '../../api/types';
import { levels, priorities } from '../../api/types';
import { FormError } from '../../components/forms';

export function PriorityMatrixPage() {
  const { t } = useTranslation();
  const [cells, setCells] = useState<PriorityMatrixCell[]>([]);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    getPriorityMatrix().then((matrix) => setCells(matrix.cells), () => setFailure(t('common.loadFailed')));
  }, [t]);

  const cell = (urgency: Level, impact: Level) => cells.find((c) => c.urgency === urgency && c.impact === impact);

  function change(urgency: Level, impact: Level, priority: Priority) {
    setSaved(false);
    setCells(cells.map((c) => (c.urgency === urgency && c.impact === impact ? { ...c, priority } : c)));
  }

  async function save() {
    setFailure(null);
    try {
      setCells((await savePriorityMatrix(cells)).cells);
      setSaved(true);
    } catch {
      setFailure(t('common.offline'));
    }
  }

  const ordered = [...levels].reverse();
  if (cells.length === 0) return <div className="page"><FormError message={failure} /><p className="loading">{t('common.loading')}</p></div>;
  return (
    <div className="page">
      <h1>{t('priorityMatrix.title')}</h1>
      <p className="hint">{t('priorityMatrix.intro')}</p>
      <FormError message={failure} />
      <div className="matrix" role="table" aria-label={t('priorityMatrix.title')}>
        <div role="row" className="matrix-row">
          <span role="columnheader" className="matrix-corner">{t('priorityMatrix.urgencyImpact')}</span>
          {ordered.map((impact) => <span key={impact} role="columnheader">{t('priorityMatrix.impact', { level: t(`level.${impact}`) })}</span>)}
        </div>
        {ordered.map((urgency) => (
          <div key={urgency} role="row" className="matrix-row">
            <span role="rowheader">{t('priorityMatrix.urgency', { level: t(`level.${urgency}`) })}</span>
            {ordered.map((impact) => (
              <span key={impact} role="cell">
                <select aria-label={t('priorityMatrix.cell', { urgency: t(`level.${urgency}`), impact: t(`level.${impact}`) })}
                  value={cell(urgency, impact)?.priority ?? 'medium'} onChange={(e) => change(urgency, impact, e.target.value as Priority)}>
                  {priorities.map((priority) => <option key={priority} value={priority}>{t(`priority.${priority}`)}</option>)}
                </select>
              </span>
            ))}
          </div>
        ))}
      </div>
      <button type="button" className="primary" onClick={() => void save()}>{t('common.save')}</button>
      {saved && <span role="status" className="saved-note">{t('priorityMatrix.saved')}</span>}
    </div>
  );
}
