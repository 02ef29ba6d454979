package dev.switchboard.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenMetrics' naming rule: each sample of a family is named after the family with a suffix its type allows. The
 * reference parser refuses a whole exposition over one sample that breaks it.
 */
final class OpenMetricsNames {

    private static final Map<String, List<String>> SUFFIXES = Map.of(
            "counter", List.of("_total", "_created"),
            "gauge", List.of(""),
            "summary", List.of("", "_count", "_sum", "_created"),
            "histogram", List.of("_bucket", "_count", "_sum", "_created"),
            "gaugehistogram", List.of("_bucket", "_gcount", "_gsum"),
            "info", List.of("_info"),
            "stateset", List.of(""),
            "unknown", List.of(""));

    private OpenMetricsNames() {
    }

    /** The samples of {@code exposition} that break the rule, each with its family and type; empty when none does. */
    static List<String> strays(String exposition) {
        String family = null;
        List<String> allowed = List.of();
        String type = null;
        List<String> strays = new ArrayList<>();
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                String[] declared = line.split(" ");
                family = declared[2];
                type = declared[3];
                allowed = SUFFIXES.getOrDefault(type, List.of()).stream().map(family::concat).toList();
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String sample = line.split("[{ ]", 2)[0];
                String stray = sample + " in " + family + " (" + type + ")";
                if (!allowed.contains(sample) && !strays.contains(stray)) {
                    strays.add(stray);
                }
            }
        }
        return strays;
    }
}
