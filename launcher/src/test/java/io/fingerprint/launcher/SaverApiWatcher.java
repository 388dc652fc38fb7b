package io.fingerprint.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Polls the saver while faults happen: every listed fingerprint must be a real one (a uuid) whose
 * document is served whole and complete, and the same every time; every temporary file seen in the
 * output folder must be refused by the API. What it saw is checked against the final state later.
 */
final class SaverApiWatcher implements AutoCloseable {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String saverUrl;
    private final Path outputDir;
    private final Thread thread;
    private volatile boolean running = true;

    /** uuid -> the document as first served. */
    final Map<String, JsonNode> served = new ConcurrentHashMap<>();
    final Set<String> tempFilesSeen = ConcurrentHashMap.newKeySet();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();

    SaverApiWatcher(String saverUrl, Path outputDir) {
        this.saverUrl = saverUrl;
        this.outputDir = outputDir;
        this.thread = new Thread(this::run, "saver-api-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException | AssertionError e) {
                problems.add("watcher: " + e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        // the folder first: a temporary file there must never be served
        for (String name : PipelineLedger.fileNames(outputDir)) {
            if (name.startsWith(".tmp-")) {
                if (tempFilesSeen.add(name)) {
                    int status = FaultTestSupport.status(saverUrl + "/fingerprints/" + name);
                    if (status == 200) {
                        problems.add("temporary file " + name + " served");
                    }
                }
            } else if (!PipelineLedger.SAVED_FILE.matcher(name).matches()) {
                problems.add("unexpected file in the output folder: " + name);
            }
        }
        FaultTestSupport.Response list = FaultTestSupport.get(saverUrl + "/fingerprints?limit=1000");
        if (list == null) {
            unanswered.incrementAndGet(); // killed or starting: nothing listens
            return;
        }
        if (list.status() != 200) {
            problems.add("GET /fingerprints: " + list.status() + " " + list.body());
            return;
        }
        listings.incrementAndGet();
        for (JsonNode item : list.json().get("items")) {
            String uuid = item.get("uuid").asText();
            if (!UUID.matcher(uuid).matches()) {
                problems.add("listed item without a uuid: " + item);
                continue;
            }
            if (!item.get("complete").asBoolean()) {
                problems.add("listed incomplete: " + item);
            }
            if (served.containsKey(uuid)) {
                continue;
            }
            FaultTestSupport.Response doc = FaultTestSupport.get(saverUrl + "/fingerprints/" + uuid);
            if (doc == null) {
                continue; // killed between the two requests: next round
            }
            if (doc.status() != 200) {
                problems.add("listed " + uuid + " but GET answered " + doc.status() + " " + doc.body());
                continue;
            }
            JsonNode json;
            try {
                json = doc.json();
            } catch (AssertionError e) {
                problems.add("served " + uuid + " is not whole JSON: " + doc.body());
                continue;
            }
            int inputs = json.path("input_records").size();
            if (!uuid.equals(json.path("fingerprint").path("uuid").asText()) || !json.path("complete").asBoolean()
                    || json.path("input_count").asInt(-1) != inputs || inputs == 0) {
                problems.add("served " + uuid + " is not a whole, complete document: " + doc.body());
            }
            served.put(uuid, json);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
