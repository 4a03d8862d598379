package io.github.tieredcache.serialization;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerializationFormatTests {

	private final TypeAllowList allowList = TypeAllowList.of(List.of("com.example"));

	@Test
	void jsonFormatCreatesTheJsonSerializer() {
		CacheValueSerializer serializer = SerializationFormat.JSON.create(this.allowList);
		assertThat(serializer.serialize(5L)).asString().isEqualTo("[\"java.lang.Long\",5]");
		assertThat(serializer).hasToString("JSON cache value serializer (" + this.allowList + ")");
	}

	@Test
	void jdkFormatCreatesTheJavaSerializationSerializer() {
		CacheValueSerializer serializer = SerializationFormat.JDK.create(this.allowList);
		assertThat(serializer.serialize(5L)).startsWith((byte) 0xAC, (byte) 0xED);
		assertThat(serializer.deserialize(serializer.serialize(5L))).isEqualTo(5L);
	}

	@Test
	void formatsBindFromTheirLowerCaseNames() {
		assertThat(SerializationFormat.valueOf("json".toUpperCase())).isSameAs(SerializationFormat.JSON);
		assertThat(SerializationFormat.values()).containsExactly(SerializationFormat.JSON, SerializationFormat.JDK);
	}

}
