package io.github.tieredcache.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.tieredcache.serialization.fixtures.Customer;
import io.github.tieredcache.serialization.fixtures.Holder;
import io.github.tieredcache.serialization.untrusted.Evidence;
import io.github.tieredcache.serialization.untrusted.SerializableGadget;
import io.github.tieredcache.serialization.fixtures.Product;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdkCacheValueSerializerTests extends CacheValueSerializerContractTests {

	@Override
	CacheValueSerializer create(TypeAllowList allowList) {
		return CacheValueSerializer.jdk(allowList);
	}

	@Test
	void writesJavaSerializationStreams() {
		byte[] bytes = this.serializer.serialize(product("A-1"));
		assertThat(bytes).startsWith((byte) 0xAC, (byte) 0xED);
	}

	@Test
	void disallowedSerializableClassIsRefusedWithoutBeingDeserialized() throws IOException {
		byte[] bytes = plainJavaSerialization(new SerializableGadget("rm -rf /"));
		Evidence.clear();
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(bytes))
			.withMessageContaining("type " + SerializableGadget.class.getName()
					+ " is not in the serialization allow-list; add its package to "
					+ "tiered-cache.serialization.allowed-packages")
			.withMessageNotContaining("rm -rf");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void disallowedClassInsideAnAllowedCollectionIsRefused() throws IOException {
		ArrayList<Object> list = new ArrayList<>(List.of(product("A-1"), new SerializableGadget("calc")));
		byte[] bytes = plainJavaSerialization(list);
		Evidence.clear();
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(bytes))
			.withMessageContaining(SerializableGadget.class.getName() + " is not in the serialization allow-list");
		assertThat(Evidence.events()).isEmpty();
	}

	@Test
	void valueThatIsNotSerializableIsRefusedOnWriteWithTheAlternative() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(new Customer()))
			.withMessage("Cannot write " + Customer.class.getName() + " with Java serialization: it is not "
					+ "Serializable; implement java.io.Serializable or use tiered-cache.serialization.format=json");
	}

	@Test
	void valueHoldingSomethingNotSerializableIsRefusedOnWrite() {
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(new Holder(Optional.of(1L))))
			.withMessageContaining("it holds a java.util.Optional, which is not Serializable");
	}

	@Test
	void unpagedPageIsRefusedOnWriteBecauseSpringDataCannotSerializeIt() {
		PageImpl<Product> page = new PageImpl<>(List.of(product("A-1")), Pageable.unpaged(), 1);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.serialize(page))
			.withMessageContaining("it holds a org.springframework.data.domain.Unpaged, which is not Serializable");
	}

	@Test
	void deeplyNestedStreamIsRefusedByTheDepthLimit() throws IOException {
		Object[] nested = new Object[0];
		for (int i = 0; i < AllowListObjectInputStream.MAX_DEPTH + 10; i++) {
			nested = new Object[] { nested };
		}
		byte[] bytes = plainJavaSerialization(nested);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(bytes))
			.withMessageContaining("nests deeper than 100 levels");
	}

	@Test
	void streamHoldingNullIsRefused() throws IOException {
		byte[] bytes = plainJavaSerialization(null);
		assertThatExceptionOfType(CacheValueSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(bytes))
			.withMessageContaining("the stored value is null");
	}

	private static byte[] plainJavaSerialization(@Nullable Object value) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
