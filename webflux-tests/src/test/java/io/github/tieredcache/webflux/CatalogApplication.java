package io.github.tieredcache.webflux;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A reactive catalog on Spring WebFlux and Netty, caching its products with
 * {@code @Cached} on a method returning {@code Mono}. Each instance gets the shared
 * {@link ProductDatabase} from whoever starts it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ProductCatalog.class, ProductController.class, PublicCatalogController.class })
class CatalogApplication {

	/**
	 * Starts an instance on a free port.
	 * @param database the database all instances share
	 * @param redisUrl the Redis all instances share
	 * @param keyPrefix the key prefix, the same for instances that share entries
	 * @param properties further properties, {@code name=value}
	 * @return the running instance
	 */
	static ConfigurableApplicationContext start(ProductDatabase database, String redisUrl, String keyPrefix,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.data.redis.url=" + redisUrl,
				"tiered-cache.key-prefix=" + keyPrefix, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(CatalogApplication.class).web(WebApplicationType.REACTIVE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("productDatabase", database))
			.properties(all.toArray(String[]::new))
			.run();
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
