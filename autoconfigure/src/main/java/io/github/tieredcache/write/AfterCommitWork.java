package io.github.tieredcache.write;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Runs work after the current transaction commits, never on a rollback, or at once when
 * no Spring-managed transaction is active (or spring-tx is absent).
 */
final class AfterCommitWork {

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			AfterCommitWork.class.getClassLoader());

	private AfterCommitWork() {
	}

	/**
	 * Runs the work after the commit, or now.
	 * @param work the work, told whether it runs after a commit (when the committed
	 * transaction's resources are still bound to the thread)
	 */
	static void run(Work work) {
		if (TRANSACTIONS_PRESENT && Transactions.deferIfActive(work)) {
			return;
		}
		work.run(false);
	}

	/**
	 * Work to run after the commit.
	 */
	@FunctionalInterface
	interface Work {

		void run(boolean afterCommit);

	}

	/**
	 * Keeps spring-tx classes out of {@link AfterCommitWork}'s own linkage.
	 */
	private static final class Transactions {

		static boolean deferIfActive(Work work) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return false;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					work.run(true);
				}

			});
			return true;
		}

	}

}
