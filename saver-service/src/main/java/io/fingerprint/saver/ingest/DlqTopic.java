package io.fingerprint.saver.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the dead-letter topic if missing: brokers here do not auto-create topics, and the first
 * malformed fingerprint must not find the DLQ absent. The input topics belong to their producers
 * and are never created here.
 */
public final class DlqTopic {

    private static final Logger LOG = Logger.getLogger(DlqTopic.class);

    private DlqTopic() {
    }

    public static void ensure(Map<String, Object> kafkaSettings, String topic) {
        // A short kafka.default.api.timeout.ms (for the readiness check) below the admin's request
        // timeout (30 s) would make the admin client refuse to start, and the DLQ topic never exist.
        Map<String, Object> settings = new HashMap<>(kafkaSettings);
        long requestTimeout = Long.parseLong(String.valueOf(settings.getOrDefault(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000)));
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(requestTimeout, 30_000));
        try (Admin admin = Admin.create(settings)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
            LOG.infof("Created the dead-letter topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warnf("Cannot create the dead-letter topic %s now: %s", topic, e.getCause().getMessage());
            }
        } catch (Exception e) {
            LOG.warnf("Cannot create the dead-letter topic %s now: %s (%s)", topic, e.toString(), e.getCause());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
