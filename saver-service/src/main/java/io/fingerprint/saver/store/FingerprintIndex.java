package io.fingerprint.saver.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The saved fingerprints in memory, newest window first: queries never list the folder. Sorted by
 * end_ms, then start_ms (both descending), then uuid, overall and per equipment, so a page is a
 * range scan from the cursor or the {@code to} bound. Safe for one writer and many readers.
 */
public final class FingerprintIndex {

    static final Comparator<FingerprintSummary> NEWEST_FIRST = Comparator
            .comparingLong(FingerprintSummary::endMs).reversed()
            .thenComparing(Comparator.comparingLong(FingerprintSummary::startMs).reversed())
            .thenComparing(FingerprintSummary::uuid);

    private final Map<String, FingerprintSummary> byUuid = new ConcurrentHashMap<>();
    private final NavigableSet<FingerprintSummary> all = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    private final Map<String, NavigableSet<FingerprintSummary>> byEquipment = new ConcurrentHashMap<>();

    public synchronized void put(FingerprintSummary summary) {
        FingerprintSummary old = byUuid.put(summary.uuid(), summary);
        if (old != null) {
            all.remove(old);
            equipment(old.equipId()).remove(old);
        }
        all.add(summary);
        equipment(summary.equipId()).add(summary);
    }

    public Optional<FingerprintSummary> get(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    public int size() {
        return byUuid.size();
    }

    /**
     * Up to limit + 1 summaries (the extra one tells there is a next page), newest first, whose
     * window lies within [from, to], after the cursor position.
     */
    public List<FingerprintSummary> query(FingerprintQuery q) {
        NavigableSet<FingerprintSummary> set = q.equipId() == null ? all : byEquipment.get(q.equipId());
        List<FingerprintSummary> page = new ArrayList<>();
        if (set == null) {
            return page;
        }
        NavigableSet<FingerprintSummary> range = set;
        if (q.to() != null) {
            range = range.tailSet(probe(q.to(), Long.MAX_VALUE, ""), true);
        }
        if (q.after() != null) {
            range = range.tailSet(q.after(), false);
        }
        for (FingerprintSummary s : range) {
            if (q.from() != null && s.endMs() <= q.from()) {
                break; // every later one ends (and so starts) before from
            }
            if ((q.from() == null || s.startMs() >= q.from()) && (q.to() == null || s.endMs() <= q.to())) {
                page.add(s);
                if (page.size() > q.limit()) {
                    break;
                }
            }
        }
        return page;
    }

    /** A sort key only, for the cursor and the {@code to} bound. */
    static FingerprintSummary probe(long endMs, long startMs, String uuid) {
        return new FingerprintSummary(uuid, "", "", startMs, endMs, List.of(), 0, false);
    }

    private NavigableSet<FingerprintSummary> equipment(String equipId) {
        return byEquipment.computeIfAbsent(equipId, id -> new ConcurrentSkipListSet<>(NEWEST_FIRST));
    }
}
