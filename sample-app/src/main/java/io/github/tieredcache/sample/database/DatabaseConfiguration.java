package io.github.tieredcache.sample.database;

import org.hibernate.cfg.AvailableSettings;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs {@link DatabaseRoundTrips} in Hibernate.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DatabaseRoundTrips databaseRoundTrips(DatabaseProperties properties) {
		return new DatabaseRoundTrips(properties.latency());
	}

	@Bean
	HibernatePropertiesCustomizer statementInspectorCustomizer(DatabaseRoundTrips roundTrips) {
		return (hibernateProperties) -> hibernateProperties.put(AvailableSettings.STATEMENT_INSPECTOR, roundTrips);
	}

}
