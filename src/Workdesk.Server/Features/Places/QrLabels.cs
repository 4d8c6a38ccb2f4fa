using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Workdesk.Server.Features.Places;

/// <summary>One printed label: a QR code of the request link with the place's name under it.</summary>
public sealed record Label(string Title, string Subtitle, string Url);

/// <summary>
/// Draws QR labels as SVG, in millimetres, so that a browser prints them at their real size:
/// three columns of 63.5 × 38.1 mm labels, the layout of common A4 sticker sheets.
/// </summary>
public static class QrLabels
{
    private const double LabelWidth = 63.5;
    private const double LabelHeight = 38.1;
    private const double Margin = 7.0;
    private const int Columns = 3;
    private const double CodeSize = 30.0;

    /// <summary>Draws a sheet with one label per entry, row after row.</summary>
    public static string Sheet(IReadOnlyList<Label> labels)
    {
        var rows = Math.Max(1, (labels.Count + Columns - 1) / Columns);
        var width = (2 * Margin) + (Columns * LabelWidth);
        var height = (2 * Margin) + (rows * LabelHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}mm\" height=\"{height}mm\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">");
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Margin + (i % Columns * LabelWidth);
            var y = Margin + (i / Columns * LabelHeight);
            DrawLabel(svg, labels[i], x, y);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Draws a single QR code that scales to whatever size it is shown at.</summary>
    public static string Code(string url)
    {
        var modules = Modules(url);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {modules.Count} {modules.Count}\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{modules.Count}\" height=\"{modules.Count}\" fill=\"#fff\"/>");
        AppendModules(svg, modules, 0, 0, 1);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void DrawLabel(StringBuilder svg, Label label, double x, double y)
    {
        var modules = Modules(label.Url);
        var scale = CodeSize / modules.Count;
        var codeY = y + ((LabelHeight - CodeSize) / 2);
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x}\" y=\"{y}\" width=\"{LabelWidth}\" height=\"{LabelHeight}\" fill=\"none\" stroke=\"#ccc\" stroke-width=\"0.2\"/>");
        AppendModules(svg, modules, x + 2, codeY, scale);
        var textX = x + CodeSize + 4;
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{textX}\" y=\"{y + 12}\" font-size=\"3.6\" font-weight=\"bold\">{Escape(Shorten(label.Title, 18))}</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{textX}\" y=\"{y + 17}\" font-size=\"2.6\">{Escape(Shorten(label.Subtitle, 24))}</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{textX}\" y=\"{y + 28}\" font-size=\"2.4\">Scan to report a problem</text>");
    }

    private static void AppendModules(StringBuilder svg, List<System.Collections.BitArray> modules, double x, double y, double scale)
    {
        svg.Append("<path fill=\"#000\" d=\"");
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules.Count; column++)
            {
                if (modules[row][column])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"M{x + (column * scale):0.###} {y + (row * scale):0.###}h{scale:0.###}v{scale:0.###}h-{scale:0.###}z");
                }
            }
        }

        svg.Append("\"/>");
    }

    private static List<System.Collections.BitArray> Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
