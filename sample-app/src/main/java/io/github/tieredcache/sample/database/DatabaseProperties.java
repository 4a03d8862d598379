package io.github.tieredcache.sample.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sample.database.*} settings.
 *
 * @param latency simulated latency added to every SELECT, standing in for a remote
 * database under load; {@code 0} for none
 */
@ConfigurationProperties("sample.database")
public record DatabaseProperties(@DefaultValue("30ms") Duration latency) {

}
