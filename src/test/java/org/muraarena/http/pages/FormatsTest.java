package org.muraarena.http.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.muraarena.core.BodyPart;

class FormatsTest {

    @Test
    void metricsHaveThreeDecimalsAndAnEnDashInterval() {
        assertEquals("0.705 [0.700–0.710]", Formats.ci(0.7049, List.of(0.7, 0.71)));
        assertEquals("[0.700–0.710]", Formats.interval(List.of(0.7, 0.71)));
        assertEquals("\u22120.050 [\u22120.349–1.000]", Formats.ci(-0.05, List.of(-0.349, 1.0)));
        assertEquals("0.000", Formats.num(-0.0001));
    }

    @Test
    void undefinedValuesAreAnEmDash() {
        assertEquals("—", Formats.num(null));
        assertEquals("—", Formats.num(Double.NaN));
        assertEquals("—", Formats.ci(null, List.of(0.1, 0.2)));
        assertEquals("0.500", Formats.ci(0.5, null));
        assertEquals("", Formats.interval(null));
        assertEquals("—", Formats.count(null));
        assertEquals("—", Formats.date(null));
    }

    @Test
    void datesAreUtc() {
        assertEquals("2026-03-01", Formats.date(Instant.parse("2026-03-01T23:59:00Z")));
        assertEquals("2026-03-01 23:59 UTC", Formats.time(Instant.parse("2026-03-01T23:59:00Z")));
    }

    @Test
    void namesAndSizesReadNaturally() {
        assertEquals("Elbow", Formats.part(BodyPart.XR_ELBOW));
        assertEquals("Shoulder", Formats.part(BodyPart.XR_SHOULDER));
        assertEquals("time limit", Formats.failure("TIME_LIMIT"));
        assertEquals("SOMETHING_NEW", Formats.failure("SOMETHING_NEW"));
        assertEquals("28.4 MB", Formats.bytes(28_412_133));
        assertEquals("999 B", Formats.bytes(999));
        assertEquals("running", Formats.status("RUNNING"));
        assertEquals("container", Formats.kind("CONTAINER"));
    }

    @Test
    void computeReadsInSecondsPerRunAndHoursPerTeam() {
        assertEquals("used 1.23 s CPU", Formats.compute(new org.muraarena.core.Compute(1.234, null)));
        assertEquals("used 1.23 s CPU, 5.00 s GPU", Formats.compute(new org.muraarena.core.Compute(1.234, 5.0)));
        assertEquals("—", Formats.seconds(null));
        assertEquals("1.500 h", Formats.hours(5400.0));
        assertEquals("—", Formats.hours(null));
        assertEquals("42%", Formats.percent(0.42));
        assertEquals("—", Formats.percent(null));
        assertEquals("2.5 CPU hours", Formats.budget(2.5));
    }
}
