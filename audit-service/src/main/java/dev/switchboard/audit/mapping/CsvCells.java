package dev.switchboard.audit.mapping;

/**
 * CSV cells as RFC 4180 wants them, made safe for spreadsheets: a value that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, or a tab or carriage return) is prefixed with an apostrophe.
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
