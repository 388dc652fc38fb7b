package io.fingerprint.generator.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReadingFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void valuesHaveExactlyThreeDecimals() {
        assertThat(format(0)).isEqualTo("0.000");
        assertThat(format(7)).isEqualTo("0.007");
        assertThat(format(45_234)).isEqualTo("45.234");
        assertThat(format(12_050)).isEqualTo("12.050");
        assertThat(format(100_000)).isEqualTo("100.000");
    }

    @Test
    void buildsTheOriginalSchema() throws Exception {
        ReadingFactory factory = new ReadingFactory(List.of(110, 111), List.of("0001", "0002"), 0.0);
        String json = factory.json(1, 1706123456789L, new SplittableRandom(1));
        assertThat(json).matches("\\{\"equip_id\":111,\"timestamp\":1706123456789,"
                + "\"data\":\\{\"0001\":\"\\d{1,3}\\.\\d{3}\",\"0002\":\"\\d{1,3}\\.\\d{3}\"}}");
        JsonNode node = JSON.readTree(json);
        assertThat(node.get("data").get("0001").asDouble()).isBetween(0.0, 100.0);
    }

    @Test
    void probabilityOneMakesEveryValueNull() {
        ReadingFactory factory = new ReadingFactory(List.of(110), List.of("0001", "0002"), 1.0);
        assertThat(factory.json(0, 1L, new SplittableRandom(2)))
                .isEqualTo("{\"equip_id\":110,\"timestamp\":1,\"data\":{\"0001\":\"null\",\"0002\":\"null\"}}");
    }

    @Test
    void sensorIdsAreEscapedIntoValidJson() throws Exception {
        ReadingFactory factory = new ReadingFactory(List.of(1), List.of("a\"b"), 0.0);
        JsonNode node = JSON.readTree(factory.json(0, 1L, new SplittableRandom(3)));
        assertThat(node.get("data").has("a\"b")).isTrue();
    }

    @Test
    void valuesSpreadOverTheWholeRange() throws Exception {
        ReadingFactory factory = new ReadingFactory(List.of(1), List.of("0001"), 0.0);
        SplittableRandom random = new SplittableRandom(4);
        double min = 100;
        double max = 0;
        for (int i = 0; i < 10_000; i++) {
            double v = JSON.readTree(factory.json(0, 1L, random)).get("data").get("0001").asDouble();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isLessThan(1.0);
        assertThat(max).isGreaterThan(99.0);
    }

    private static String format(int thousandths) {
        StringBuilder out = new StringBuilder();
        ReadingFactory.appendValue(out, thousandths);
        return out.toString();
    }
}
