package io.fingerprint.formats.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingParserTest {

    private static final long NOW = 1_706_123_500_000L;
    private final ReadingParser parser = new ReadingParser(ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES, 3_600_000, () -> NOW);

    @Test
    void parsesTheDocumentedFormatAndDropsNulls() throws Exception {
        SensorReading r = parse("{\"equip_id\":110,\"timestamp\":1706123456789,"
                + "\"data\":{\"0001\":\"45.234\",\"0002\":\"67.891\",\"0003\":\"null\",\"0004\":\"23.456\",\"0005\":\"89.012\"}}");
        assertThat(r.equipId).isEqualTo(110);
        assertThat(r.timestamp).isEqualTo(1706123456789L);
        assertThat(r.sensorIds).containsExactly("0001", "0002", "0004", "0005");
        assertThat(r.values).containsExactly(45.234, 67.891, 23.456, 89.012);
        assertThat(parser.nullValues()).isEqualTo(1);
        assertThat(parser.rejectedValues()).isZero();
    }

    @Test
    void acceptsJsonNumbersJsonNullAndFieldsInAnyOrder() throws Exception {
        SensorReading r = parse("{\"data\":{\"0001\":12,\"0002\":-0.5,\"0003\":null,\"0004\":1e2},"
                + "\"extra\":{\"nested\":[1,2]},\"timestamp\":5,\"equip_id\":7}");
        assertThat(r.equipId).isEqualTo(7);
        assertThat(r.timestamp).isEqualTo(5);
        assertThat(r.sensorIds).containsExactly("0001", "0002", "0004");
        assertThat(r.values).containsExactly(12.0, -0.5, 100.0);
        assertThat(parser.nullValues()).isEqualTo(1);
    }

    @Test
    void keepsTheGoodValuesOfARecordWithBadOnes() throws Exception {
        SensorReading r = parse("{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{"
                + "\"0001\":\"45.5\",\"0002\":\"abc\",\"0003\":\"NaN\",\"0004\":\"Infinity\",\"0005\":true,"
                + "\"0006\":{\"v\":1},\"0007\":[1],\"0008\":\"0x1p3\",\"0009\":\" 5\",\"0010\":\"1e999\","
                + "\"0011\":\"\",\"0012\":\"7d\",\"\":\"3\",\"0013\":\"-1.5E2\"}}");
        assertThat(r.sensorIds).containsExactly("0001", "0013");
        assertThat(r.values).containsExactly(45.5, -150.0);
        assertThat(parser.rejectedValues()).isEqualTo(12);
        assertThat(parser.rejectedValuesReason()).isEqualTo(
                "12 values rejected, the first: sensor \"0002\": \"abc\" is not a plain decimal number; the record's other values were used");
    }

    @Test
    void theReasonNamesTheRejectedValueOfEachKindInOneLine() throws Exception {
        String[][] cases = {
            {"\"12abc\"", "sensor \"0001\": \"12abc\" is not a plain decimal number"},
            {"1e400", "sensor \"0001\": 1e400 is out of range"},
            {"true", "sensor \"0001\": a boolean is not a number"},
            {"{\"v\":1}", "sensor \"0001\": an object or array is not a number"},
            {"\"a\\nb\"", "sensor \"0001\": \"a b\" is not a plain decimal number"}};
        for (String[] c : cases) {
            parse("{\"equip_id\":1,\"timestamp\":5,\"data\":{\"0001\":" + c[0] + ",\"0002\":\"1\"}}");
            assertThat(parser.rejectedValuesReason()).as(c[0])
                    .isEqualTo("1 value rejected: " + c[1] + "; the record's other values were used");
        }
        parse("{\"equip_id\":1,\"timestamp\":5,\"data\":{\"\":\"3\",\"0002\":\"1\"}}");
        assertThat(parser.rejectedValuesReason()).isEqualTo("1 value rejected: an empty sensor id; the record's other values were used");
        parse("{\"equip_id\":1,\"timestamp\":5,\"data\":{\"0001\":\"1\"}}");
        assertThat(parser.rejectedValuesReason()).isNull();
    }

    @Test
    void refusesADuplicateNameWhereverItIsAndHowManyNamesCameBefore() throws Exception {
        StringBuilder many = new StringBuilder("{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{");
        for (int i = 0; i < 40; i++) {
            many.append('"').append(i).append("\":\"").append(i).append("\",");
        }
        String manyOpen = many.toString();
        for (String payload : List.of(
                "{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{\"0001\":\"null\",\"0001\":\"2\"}}",
                "{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{\"0001\":\"abc\",\"0001\":\"2\"}}",
                "{\"x\":1,\"equip_id\":110,\"timestamp\":1706123456789,\"x\":2,\"data\":{}}",
                "{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{},\"data\":{}}",
                manyOpen + "\"39\":\"1\"}}",
                manyOpen + "\"3\":\"1\"}}")) {
            assertThatThrownBy(() -> parse(payload)).as(payload).isInstanceOf(InvalidReadingException.class)
                    .hasMessageStartingWith("invalid JSON: duplicate field");
        }
        // the same names in different objects, and many distinct names, are fine
        assertThat(parser.parse((manyOpen + "\"data\":\"1\",\"equip_id\":\"2\"}}").getBytes(StandardCharsets.UTF_8)).values)
                .hasSize(42);
    }

    @Test
    void anEmptySensorMapIsAValidReadingWithoutValues() throws Exception {
        SensorReading r = parse("{\"equip_id\":110,\"timestamp\":1706123456789,\"data\":{}}");
        assertThat(r.sensorIds).isEmpty();
        assertThat(r.values).isEmpty();
    }

    @Test
    void manySensorsGrowTheBuffers() throws Exception {
        StringBuilder json = new StringBuilder("{\"equip_id\":1,\"timestamp\":2,\"data\":{");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"s").append(i).append("\":\"").append(i).append("\"");
        }
        SensorReading r = parse(json.append("}}").toString());
        assertThat(r.values).hasSize(100);
        assertThat(r.values[99]).isEqualTo(99.0);
        assertThat(r.sensorIds[99]).isEqualTo("s99");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badPayloads")
    void rejectsMalformedRecordsWithAReason(String expectedReason, String payload) {
        assertThatThrownBy(() -> parse(payload))
                .isInstanceOf(InvalidReadingException.class)
                .hasMessageContaining(expectedReason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void rejectsEmptyHugeAndBinaryPayloads() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessage("empty payload");
        assertThatThrownBy(() -> parser.parse(new byte[0])).hasMessage("empty payload");
        byte[] huge = new byte[ReadingParser.DEFAULT_MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> parser.parse(huge)).hasMessageStartingWith("payload too large: 1048577 bytes");
        assertThatThrownBy(() -> parser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))
                .isInstanceOf(InvalidReadingException.class).hasMessageContaining("JSON");
        assertThatThrownBy(() -> parse("   ")).hasMessageContaining("not a JSON object");
    }

    @Test
    void theFastDecimalPathGivesExactlyWhatParseDoubleGives() {
        java.util.Random random = new java.util.Random(11);
        String[] fixed = {"0", "-0", "-0.0", "0.000", "45.234", "100.000", "5.", ".5", "+7.25", "007.5", "99999999999999.9",
            "9007199254740991", "9007199254740993", "0.1", "0.30000000000000004", "123456789012345678901234", "1.7976931348623157",
            "4.9", "1e3", "-1.5E2", "2.2250738585072014"};
        for (String text : fixed) {
            assertThat(Double.doubleToRawLongBits(decimal(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 100);
                case 1 -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 5));
                case 2 -> Long.toString(random.nextLong() >> random.nextInt(60)) + "." + Integer.toString(random.nextInt(1_000_000));
                default -> "-" + String.format(java.util.Locale.ROOT, "%." + random.nextInt(12) + "f", random.nextDouble() * 1e6);
            };
            assertThat(Double.doubleToRawLongBits(decimal(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (String bad : new String[] {"", ".", "-", "+", "1.2.3", "--1", "NaN", "Infinity", "0x1p3", "1d", " 5", "5 ", "1e", "e5"}) {
            assertThat(decimal(bad)).as(bad).isNaN();
        }
    }

    @Test
    void theCorpusHoldsAtLeastTwentyBadInputs() throws IOException {
        assertThat(badPayloads().count()).isGreaterThanOrEqualTo(30);
    }

    static Stream<Arguments> badPayloads() throws IOException {
        try (InputStream in = ReadingParserTest.class.getResourceAsStream("/corpus/bad-sensor-data.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return lines.stream().map(l -> l.split("\t", 2)).map(p -> Arguments.of(p[0], p[1]));
        }
    }

    private SensorReading parse(String json) throws InvalidReadingException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The fast decimal parse of a value in the middle of a buffer, as Jackson hands it over. */
    private static double decimal(String text) {
        char[] buffer = ("xx" + text + "yy").toCharArray();
        return ReadingParser.decimal(buffer, 2, text.length());
    }
}
