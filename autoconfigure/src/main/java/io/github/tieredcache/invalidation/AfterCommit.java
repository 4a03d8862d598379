package io.github.tieredcache.invalidation;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Runs work after the current transaction commits, never on a rollback, or at once when
 * no Spring-managed transaction is active (or spring-tx is absent).
 */
final class AfterCommit {

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			AfterCommit.class.getClassLoader());

	private AfterCommit() {
	}

	/**
	 * Runs the work after the commit, or now.
	 * @param work the work
	 */
	static void run(Runnable work) {
		if (TRANSACTIONS_PRESENT && Transactions.deferIfActive(work)) {
			return;
		}
		work.run();
	}

	/**
	 * Keeps spring-tx classes out of {@link AfterCommit}'s own linkage.
	 */
	private static final class Transactions {

		static boolean deferIfActive(Runnable work) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return false;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					work.run();
				}

			});
			return true;
		}

	}

}
