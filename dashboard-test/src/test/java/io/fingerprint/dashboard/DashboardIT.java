package io.fingerprint.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fingerprint.kafkalocal.KafkaLocal;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The saver's dashboard page in headless Chromium (the system's chromium and chromedriver, driven
 * by Selenium) against a real broker, the packaged saver and the packaged generator, each in its
 * own JVM. Fingerprints are written to Kafka as the Flink job would, so the saver saves them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final long MINUTE = 60_000;
    private static final long[] EQUIPMENTS = {201, 202, 203};
    private static final int WINDOWS = 6;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private Path tmp;
    private KafkaLocal kafka;
    private ServiceJvm generator;
    private ServiceJvm saver;
    private KafkaProducer<String, String> producer;
    private TestWindows windows;
    private ChromeDriver browser;
    private long firstWindow;
    private boolean screenshotSaved;

    @BeforeAll
    void start() throws Exception {
        tmp = Files.createTempDirectory("dashboard-it");
        kafka = KafkaLocal.builder().topic("sensor-data", 1).topic("fingerprint-output", 1).topic("fingerprint-output-dlq", 1).start();
        int saverPort = freePort();
        int generatorPort = freePort();
        String page = "http://localhost:" + saverPort;
        generator = ServiceJvm.start("generator", jar("generator.jar"), generatorPort, "256m", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "GENERATOR_READINGS_PER_SECOND", "5",
                "GENERATOR_CORS_ENABLED", "true",
                "GENERATOR_CORS_ORIGINS", page));
        saver = ServiceJvm.start("saver", jar("saver.jar"), saverPort, "256m", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SAVER_OUTPUT_DIR", tmp.resolve("output").toString(),
                "SAVER_OUT_OF_ORDERNESS", "1s",
                "SAVER_GENERATOR_URL", generator.url));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
        windows = new TestWindows(producer);

        browser = chromium(tmp.resolve("chromium-profile"));
        browser.get(page + "/");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            if (!screenshotSaved) {
                try {
                    saveScreenshot(); // what the page showed when a test failed
                } catch (IOException | RuntimeException e) {
                    System.out.println("[test] no screenshot: " + e.getMessage());
                }
            }
            browser.quit();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        for (ServiceJvm service : new ServiceJvm[] {saver, generator}) {
            if (service != null) {
                service.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(0)
    void saysWhatToDoBeforeTheFirstFingerprintThenFillsInLive() throws Exception {
        waitFor(() -> browser.findElement(By.id("empty-state")).isDisplayed()
                && browser.findElement(By.id("live-status")).getText().equals("live"));
        assertThat(browser.findElement(By.id("empty-state")).getText())
                .matches("No fingerprints yet: the first window closes at [0-9]{2}:[0-9]{2}:00 \\(1 min windows\\).*");
        assertThat(browser.findElements(By.cssSelector("#equipments [data-equip]"))).isEmpty();
        js("window.notReloaded = true; return null");

        // six past one-minute windows of three equipments, oldest first
        firstWindow = (System.currentTimeMillis() / MINUTE - WINDOWS - 2) * MINUTE;
        for (int w = 0; w < WINDOWS; w++) {
            for (long equip : EQUIPMENTS) {
                windows.write(equip, firstWindow + w * MINUTE, firstWindow + (w + 1) * MINUTE);
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(saver.url + "/fingerprints?limit=1000").get("items").size() == EQUIPMENTS.length * WINDOWS);

        // all of it arrived through /fingerprints/stream: the page was not loaded again
        assertEquipmentCards();
        waitFor(() -> chartPoints().stream().allMatch(n -> n == WINDOWS));
        assertThat(browser.findElement(By.id("empty-state")).isDisplayed()).isFalse();
        assertThat(js("return window.notReloaded === true")).isEqualTo(Boolean.TRUE);
    }

    @Test
    @Order(1)
    void listsEveryEquipmentWithItsLatestFingerprintOnLoad() throws Exception {
        browser.navigate().refresh();
        assertEquipmentCards();
    }

    /** The page re-renders its cards as fingerprints arrive: check until it holds, elements read afresh each time. */
    private void assertEquipmentCards() {
        eventually(this::checkEquipmentCards);
    }

    private void checkEquipmentCards() throws Exception {
        waitFor(() -> browser.findElements(By.cssSelector("#equipments [data-equip]")).size() == EQUIPMENTS.length);
        long lastStart = firstWindow + (WINDOWS - 1) * MINUTE;
        waitFor(() -> browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[2] + "'] .window")).getText()
                .equals(clock(lastStart) + "–" + clock(lastStart + MINUTE)));
        assertThat(browser.findElement(By.id("empty-state")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("saver-error")).isDisplayed()).isFalse();
        for (long equip : EQUIPMENTS) {
            WebElement card = browser.findElement(By.cssSelector("#equipments [data-equip='" + equip + "']"));
            assertThat(card.getText()).contains(Long.toString(equip)).contains(equip % 2 == 0 ? "mill" : "kiln")
                    .contains("complete").contains("60 inputs");
            assertThat(card.findElement(By.className("window")).getText())
                    .isEqualTo(clock(lastStart) + "–" + clock(lastStart + MINUTE));
            List<WebElement> rows = card.findElements(By.cssSelector("table.sensors tbody tr"));
            assertThat(rows).hasSize(TestWindows.SENSORS.length);
            assertThat(rows.get(0).findElements(By.tagName("td"))).hasSize(7); // sensor, min, median, mean, max, std_dev, count
            assertThat(rows.get(0).getText()).startsWith("0001").endsWith("60");
            // the raw document link points at the saver's API, and that serves the document
            String raw = card.findElement(By.className("raw")).getAttribute("href");
            assertThat(raw).matches(".*/fingerprints/[0-9a-f-]{36}");
            JsonNode document = get(raw);
            assertThat(document.get("fingerprint").get("equip_id").asText()).isEqualTo(Long.toString(equip));
            assertThat(document.get("input_count").asInt()).isEqualTo(60);
        }
        assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("live");
    }

    @Test
    @Order(2)
    void drawsOneChartPerSensorOfTheSelectedEquipment() {
        waitFor(() -> browser.findElements(By.cssSelector("#charts canvas")).size() == TestWindows.SENSORS.length);
        assertThat(browser.findElement(By.id("detail-equip")).getText()).isEqualTo(Long.toString(EQUIPMENTS[0]));
        waitFor(() -> chartPoints().stream().allMatch(n -> n == WINDOWS));
        assertThat(js("return Object.keys(dashboard.charts).sort().join(',')")).isEqualTo(String.join(",", TestWindows.SENSORS));
        // min, max (filled to min: the band), mean, median: four series of numbers in every chart
        assertThat(js("return Object.values(dashboard.charts).every(c => c.data.datasets.length === 4"
                + " && c.data.datasets.every(d => d.data.length === " + WINDOWS + " && d.data.every(v => typeof v === 'number')))"))
                .isEqualTo(Boolean.TRUE);
        assertThat(js("return Object.values(dashboard.charts).every(c => c.data.datasets[1].fill === '-1')")).isEqualTo(Boolean.TRUE);
        // and something was drawn on every canvas
        Object painted = js("return [...document.querySelectorAll('#charts canvas')].map(c => {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })");
        assertThat((List<?>) painted).hasSize(TestWindows.SENSORS.length)
                .allSatisfy(n -> assertThat(((Number) n).longValue()).isGreaterThan(1000));
        assertThat(browser.findElements(By.cssSelector("#windows tbody tr"))).hasSize(WINDOWS);

        // choosing another equipment shows its windows
        browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[1] + "'] header")).click();
        waitFor(() -> browser.findElement(By.id("detail-equip")).getText().equals(Long.toString(EQUIPMENTS[1]))
                && chartPoints().stream().allMatch(n -> n == WINDOWS));
        browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[0] + "'] header")).click();
        waitFor(() -> browser.findElement(By.id("detail-equip")).getText().equals(Long.toString(EQUIPMENTS[0]))
                && chartPoints().stream().allMatch(n -> n == WINDOWS));
    }

    @Test
    @Order(3)
    void showsANewFingerprintLiveWithoutReloading() throws Exception {
        js("window.notReloaded = true; return null");
        long start = firstWindow + WINDOWS * MINUTE;
        String uuid = windows.write(EQUIPMENTS[0], start, start + MINUTE);

        waitFor(() -> browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[0] + "'] .window")).getText()
                .equals(clock(start) + "–" + clock(start + MINUTE)));
        waitFor(() -> chartPoints().stream().allMatch(n -> n == WINDOWS + 1));
        assertThat(js("return window.notReloaded === true")).isEqualTo(Boolean.TRUE);
        assertThat(browser.findElement(By.cssSelector("#windows tbody tr")).getAttribute("data-uuid")).isEqualTo(uuid);
        assertThat(browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[0] + "'] .raw")).getAttribute("href"))
                .endsWith("/fingerprints/" + uuid);
        assertThat(browser.findElement(By.id("last-update")).getText()).contains("equipment " + EQUIPMENTS[0]);
        // the other equipments did not move
        assertThat(browser.findElement(By.cssSelector("#equipments [data-equip='" + EQUIPMENTS[1] + "'] .window")).getText())
                .isEqualTo(clock(start - MINUTE) + "–" + clock(start));
    }

    @Test
    @Order(4)
    void changesTheGeneratorRateFromThePage() throws Exception {
        waitFor(() -> browser.findElement(By.id("generator-rate")).getText().equals("5"));
        assertThat(browser.findElement(By.id("generator-error")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("generator-state")).getText()).isEqualTo("running");

        setRate("37");
        waitFor(() -> browser.findElement(By.id("rate-message")).getText().equals("Rate set to 37 readings/s."));
        assertThat(get(generator.url + "/generator").get("readings_per_second").asInt()).isEqualTo(37);
        waitFor(() -> browser.findElement(By.id("generator-rate")).getText().equals("37"));
        // the generator obeys: it reports an achieved rate near the new one
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> Math.abs(get(generator.url + "/generator").get("achieved_per_second").asDouble() - 37) < 8);
    }

    @Test
    @Order(5)
    void showsTheGeneratorsReasonWhenItRefusesARate() throws Exception {
        HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(generator.url + "/generator/rate"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"readings_per_second\":-5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(400);
        String reason = JSON.readTree(direct.body()).get("error").asText();
        assertThat(reason).isNotBlank();

        setRate("-5");
        waitFor(() -> browser.findElement(By.id("rate-message")).getText().startsWith("Refused"));
        WebElement message = browser.findElement(By.id("rate-message"));
        assertThat(message.getText()).isEqualTo("Refused (400): " + reason);
        assertThat(message.getAttribute("class")).contains("error");
        assertThat(get(generator.url + "/generator").get("readings_per_second").asInt()).isEqualTo(37);

        saveScreenshot();
    }

    @Test
    @Order(6)
    void saysSoWhenTheGeneratorOrTheSaverCannotBeReached() {
        generator.close();
        waitFor(() -> browser.findElement(By.id("generator-error")).isDisplayed());
        assertThat(browser.findElement(By.id("generator-error")).getText())
                .startsWith("Generator unreachable at " + generator.url).contains("GENERATOR_CORS_ORIGINS");

        saver.close();
        waitFor(() -> browser.findElement(By.id("saver-error")).isDisplayed());
        assertThat(browser.findElement(By.id("saver-error")).getText()).startsWith("Saver unreachable: cannot reach the saver");
        assertThat(browser.findElement(By.id("live-status")).getText()).contains("interrupted");
    }

    // ---- helpers ----

    private ChromeDriver chromium(Path profile) throws IOException {
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
        if (!new File(driver).canExecute() || !new File(binary).canExecute()) {
            throw new IllegalStateException("needs Debian's chromium and chromium-driver (" + binary + ", " + driver
                    + "): apt-get install -y chromium chromium-driver (./test.sh does)");
        }
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1440,1200", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        System.out.println("[test] " + chrome.getCapabilities().getBrowserName() + " " + chrome.getCapabilities().getBrowserVersion()
                + " (" + binary + ")");
        return chrome;
    }

    private void setRate(String value) {
        WebElement input = browser.findElement(By.id("rate-input"));
        input.clear();
        input.sendKeys(value);
        browser.findElement(By.id("rate-set")).click();
    }

    @SuppressWarnings("unchecked")
    private List<Long> chartPoints() {
        Object counts = js("return Object.values(dashboard.charts).map(c => c.data.datasets[0].data.filter(v => v !== null).length)");
        List<Long> out = new ArrayList<>();
        ((List<Object>) counts).forEach(n -> out.add(((Number) n).longValue()));
        return out.isEmpty() ? List.of(-1L) : out;
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs the check until it passes (within WAIT), an element the page replaced meanwhile counting as not yet. */
    private void eventually(Check check) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | StaleElementReferenceException | org.openqa.selenium.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** HH:MM:SS in the browser's time zone (the same JVM's machine). */
    private String clock(long ms) {
        return (String) js("const d = new Date(" + ms + "); const p = n => String(n).padStart(2, '0');"
                + " return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds())");
    }

    private void saveScreenshot() throws IOException {
        Path target = Path.of(System.getProperty("screenshot.path", "target/dashboard.png"));
        Files.createDirectories(target.getParent());
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        screenshotSaved = true;
        System.out.println("[test] screenshot: " + target.toAbsolutePath());
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it)");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
