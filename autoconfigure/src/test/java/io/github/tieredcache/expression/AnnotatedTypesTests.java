package io.github.tieredcache.expression;

import java.lang.reflect.Proxy;

import io.github.tieredcache.annotation.Cached;
import io.github.tieredcache.annotation.InvalidateOn;
import io.github.tieredcache.annotation.Warmer;
import io.github.tieredcache.annotation.WriteBehind;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever way a method carries the starter's annotations, its class is never skipped; a
 * class that carries none is.
 */
class AnnotatedTypesTests {

	@Test
	void classWithAnAnnotatedMethodCarries() {
		assertThat(AnnotatedTypes.mayCarry(DirectlyAnnotated.class)).isTrue();
		assertThat(AnnotatedTypes.mayCarry(Warming.class)).isTrue();
		assertThat(AnnotatedTypes.mayCarry(RepeatedInvalidations.class)).isTrue();
	}

	@Test
	void subclassOfAnAnnotatedClassCarries() {
		assertThat(AnnotatedTypes.mayCarry(Subclass.class)).isTrue();
	}

	@Test
	void implementationOfAnAnnotatedInterfaceCarries() {
		assertThat(AnnotatedTypes.mayCarry(Implementation.class)).isTrue();
	}

	@Test
	void implementationOfAnInterfaceExtendingAnAnnotatedOneCarries() {
		assertThat(AnnotatedTypes.mayCarry(ProductRepository.class)).isTrue();
		assertThat(AnnotatedTypes.mayCarry(ProductRepositoryImplementation.class)).isTrue();
		assertThat(AnnotatedTypes.mayCarry(SubclassOfImplementation.class)).isTrue();
		Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ProductRepository.class },
				(target, method, args) -> null);
		assertThat(AnnotatedTypes.mayCarry(proxy.getClass())).isTrue();
	}

	@Test
	void jdkProxyOfAnAnnotatedInterfaceCarries() {
		Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Repository.class },
				(target, method, args) -> null);
		assertThat(AnnotatedTypes.mayCarry(proxy.getClass())).isTrue();
	}

	@Test
	void cglibSubclassOfAnAnnotatedClassCarries() {
		ProxyFactory factory = new ProxyFactory(new DirectlyAnnotated());
		factory.setProxyTargetClass(true);
		Class<?> cglib = factory.getProxy().getClass();
		assertThat(cglib).isNotEqualTo(DirectlyAnnotated.class);
		assertThat(AnnotatedTypes.mayCarry(cglib)).isTrue();
	}

	@Test
	void classesWithoutStarterAnnotationsDoNotCarry() {
		assertThat(AnnotatedTypes.mayCarry(Plain.class)).isFalse();
		assertThat(AnnotatedTypes.mayCarry(OtherAnnotations.class)).isFalse();
		assertThat(AnnotatedTypes.mayCarry(String.class)).isFalse();
	}

	static class DirectlyAnnotated {

		@Cached(cache = "products")
		public String find(long id) {
			return "product " + id;
		}

	}

	static class Subclass extends DirectlyAnnotated {

	}

	interface Repository {

		@Cached(cache = "products")
		String find(long id);

	}

	static class Implementation implements Repository {

		@Override
		public String find(long id) {
			return "product " + id;
		}

	}

	/**
	 * As a Spring Data repository extends a base repository holding the cached queries.
	 */
	interface ProductRepository extends Repository {

	}

	static class ProductRepositoryImplementation implements ProductRepository {

		@Override
		public String find(long id) {
			return "product " + id;
		}

	}

	static class SubclassOfImplementation extends ProductRepositoryImplementation {

	}

	static class Warming {

		@Warmer(cache = "products")
		public void warm() {
		}

		@WriteBehind(cache = "products", key = "#id")
		public void save(long id, String value) {
		}

	}

	static class RepeatedInvalidations {

		@Cached(cache = "products")
		@InvalidateOn(event = String.class)
		@InvalidateOn(event = Long.class)
		public String find(long id) {
			return "product " + id;
		}

	}

	static class Plain {

		public String find(long id) {
			return "product " + id;
		}

	}

	static class OtherAnnotations {

		@Transactional
		@Deprecated
		public String find(long id) {
			return "product " + id;
		}

	}

}
