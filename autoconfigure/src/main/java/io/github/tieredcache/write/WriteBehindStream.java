package io.github.tieredcache.write;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.github.tieredcache.cache.redis.BoundedRedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * The Redis side of one cache's write-behind queue. Every key shares one hash tag, so a
 * cache's queue lives on one cluster node and each step is one atomic script:
 * <ul>
 * <li>{@code {prefix}:~write-behind:{prefix:cache}}: the stream of writes, one entry per
 * call (fields {@code k} encoded key, {@code m} method, {@code a} arguments, {@code t}
 * enqueue time), consumed by the group {@value #GROUP} shared by all instances;</li>
 * <li>{@code ...:pending}: a hash from encoded key to the id of its latest queued write
 * and the value it cached, so that reads and the runs of older entries find the latest
 * write;</li>
 * <li>{@code ...:attempts}: failed runs by key; {@code ...:dead}: the dead-letter stream;
 * {@code ...:lock:{key}}: who runs a key's write now.</li>
 * </ul>
 * Entries are deleted from the stream once done, so its length is the queue depth.
 * Thread-safe; every call throws a {@link RuntimeException} when Redis does not answer in
 * time.
 */
final class WriteBehindStream {

	static final String GROUP = "tiered-cache";

	private static final byte[] GROUP_BYTES = bytes(GROUP);

	private static final byte[] ENQUEUE = script("""
			local now = redis.call('TIME')
			if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[7]) then
			  return {}
			end
			if redis.call('EXISTS', KEYS[1]) == 0 then
			  redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			end
			local id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[2], 'm', ARGV[3], 'a', ARGV[4], 't', ARGV[5])
			redis.call('HSET', KEYS[1] .. ':pending', ARGV[2], id .. '\\n' .. ARGV[6])
			redis.call('HDEL', KEYS[1] .. ':attempts', ARGV[2])
			return {id}
			""");

	private static final String FLATTEN = """
			local function flatten(entries, out)
			  for _, e in ipairs(entries) do
			    local f = e[2]
			    if f then
			      local k, t = nil, '0'
			      for i = 1, #f, 2 do
			        if f[i] == 'k' then k = f[i + 1] elseif f[i] == 't' then t = f[i + 1] end
			      end
			      if k then table.insert(out, e[1]); table.insert(out, k); table.insert(out, t) end
			    end
			  end
			end
			""";

	private static final byte[] READ = script(FLATTEN + """
			redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
			local r = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
			local out = {}
			if r then flatten(r[1][2], out) end
			return out
			""");

	private static final byte[] CLAIM = script(FLATTEN + """
			if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
			local out = {}
			local cursor = '0-0'
			for _ = 1, 10 do
			  local r = redis.pcall('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', ARGV[4])
			  if type(r) ~= 'table' or r.err then return out end
			  flatten(r[2], out)
			  cursor = r[1]
			  if cursor == '0-0' or #out >= 3 * tonumber(ARGV[4]) then break end
			end
			return out
			""");

	private static final byte[] TOUCH = script("""
			local args = {'XCLAIM', KEYS[1], ARGV[1], ARGV[2], '0'}
			for i = 3, #ARGV do table.insert(args, ARGV[i]) end
			table.insert(args, 'JUSTID')
			return redis.call(unpack(args))
			""");

	private static final byte[] LATEST = script("""
			local p = redis.call('HGET', KEYS[1] .. ':pending', ARGV[1])
			if not p then return {} end
			local id = string.sub(p, 1, string.find(p, '\\n', 1, true) - 1)
			local e = redis.call('XRANGE', KEYS[1], id, id)
			if #e == 0 then return {id} end
			local m, a = '', ''
			local f = e[1][2]
			for i = 1, #f, 2 do
			  if f[i] == 'm' then m = f[i + 1] elseif f[i] == 'a' then a = f[i + 1] end
			end
			return {id, m, a}
			""");

	private static final String FINISH = """
			local function finish(key, id, first)
			  local p = redis.call('HGET', KEYS[1] .. ':pending', key)
			  if p and string.sub(p, 1, #id + 1) == id .. '\\n' then
			    redis.call('HDEL', KEYS[1] .. ':pending', key)
			    redis.call('HDEL', KEYS[1] .. ':attempts', key)
			  end
			  if #ARGV >= first then
			    redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, first, #ARGV))
			    redis.call('XDEL', KEYS[1], unpack(ARGV, first, #ARGV))
			  end
			end
			""";

	private static final byte[] COMPLETE = script(FINISH + """
			finish(ARGV[2], ARGV[3], 4)
			return 1
			""");

	private static final byte[] DEAD_LETTER = script(FINISH + """
			redis.call('XADD', KEYS[1] .. ':dead', 'MAXLEN', '~', '100000', '*', 'k', ARGV[2], 'id', ARGV[3],
			  'm', ARGV[4], 'a', ARGV[5], 'error', ARGV[6], 'attempts', ARGV[7], 't', ARGV[8])
			finish(ARGV[2], ARGV[3], 9)
			return 1
			""");

	private static final byte[] ACKNOWLEDGE = script("""
			redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2, #ARGV))
			return redis.call('XDEL', KEYS[1], unpack(ARGV, 2, #ARGV))
			""");

	private static final byte[] FAILED = script("""
			return redis.call('HINCRBY', KEYS[1] .. ':attempts', ARGV[1], 1)
			""");

	private static final byte[] LOCK = script("""
			local lock = KEYS[1] .. ':lock:' .. ARGV[1]
			if redis.call('SET', lock, ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
			if redis.call('GET', lock) == ARGV[2] then redis.call('PEXPIRE', lock, ARGV[3]) return 1 end
			return 0
			""");

	private static final byte[] UNLOCK = script("""
			local lock = KEYS[1] .. ':lock:' .. ARGV[1]
			if redis.call('GET', lock) == ARGV[2] then return redis.call('DEL', lock) end
			return 0
			""");

	private static final byte[] RENEW = script("""
			local renewed = 0
			for i = 3, #ARGV do
			  local lock = KEYS[1] .. ':lock:' .. ARGV[i]
			  if redis.call('GET', lock) == ARGV[1] then redis.call('PEXPIRE', lock, ARGV[2]) renewed = renewed + 1 end
			end
			return renewed
			""");

	private static final byte[] PENDING_VALUE = script("""
			local p = redis.call('HGET', KEYS[1] .. ':pending', ARGV[1])
			if not p then return {} end
			return {string.sub(p, string.find(p, '\\n', 1, true) + 1)}
			""");

	private static final byte[] STATS = script("""
			local depth = redis.call('XLEN', KEYS[1])
			local keys = redis.call('HLEN', KEYS[1] .. ':pending')
			local dead = redis.call('XLEN', KEYS[1] .. ':dead')
			local oldest = '-1'
			local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
			if #first > 0 then
			  local f = first[1][2]
			  for i = 1, #f, 2 do if f[i] == 't' then oldest = f[i + 1] end end
			end
			return {tostring(depth), tostring(keys), tostring(dead), oldest}
			""");

	private final BoundedRedisCommands commands;

	private final byte[] stream;

	private final String streamName;

	WriteBehindStream(BoundedRedisCommands commands, String keyPrefix, String cacheName) {
		this.commands = commands;
		this.streamName = keyPrefix + ":~write-behind:{" + keyPrefix + ":" + cacheName + "}";
		this.stream = bytes(this.streamName);
	}

	String name() {
		return this.streamName;
	}

	/**
	 * Appends a write and records it as its key's latest, unless it reaches Redis after
	 * the deadline: its caller has given up on it by then and runs the write itself, and
	 * a write queued so late could overtake a newer one of the same key.
	 * @param deadline when the caller gives up, in epoch milliseconds (Redis's clock
	 * judges it)
	 * @return the entry's id, or {@code null} if it arrived after the deadline
	 */
	@Nullable String enqueue(String key, String methodId, byte[] arguments, long time, byte[] value, long deadline) {
		List<byte[]> result = this.commands.evalList(ENQUEUE, this.stream, GROUP_BYTES, bytes(key), bytes(methodId),
				arguments, bytes(Long.toString(time)), value, bytes(Long.toString(deadline)));
		return result.isEmpty() ? null : string(result.get(0));
	}

	/**
	 * Reads entries never delivered to any consumer ({@code XREADGROUP ... >}).
	 */
	List<Entry> read(String consumer, int count) {
		return entries(this.commands.evalList(READ, this.stream, GROUP_BYTES, bytes(consumer),
				bytes(Integer.toString(count))));
	}

	/**
	 * Takes over entries another consumer left unacknowledged for {@code minIdleMillis}
	 * ({@code XAUTOCLAIM}).
	 */
	List<Entry> claim(String consumer, long minIdleMillis, int count) {
		return entries(this.commands.evalList(CLAIM, this.stream, GROUP_BYTES, bytes(consumer),
				bytes(Long.toString(minIdleMillis)), bytes(Integer.toString(count))));
	}

	/**
	 * Resets the idle time of entries this consumer holds, so that no other consumer
	 * claims them while they wait for their delay.
	 * @return the ids still pending
	 */
	List<String> touch(String consumer, Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		byte[][] args = new byte[ids.size() + 2][];
		args[0] = GROUP_BYTES;
		args[1] = bytes(consumer);
		int i = 2;
		for (String id : ids) {
			args[i++] = bytes(id);
		}
		return this.commands.evalList(TOUCH, this.stream, args).stream().map(WriteBehindStream::string).toList();
	}

	/**
	 * Returns the latest write queued for a key, or {@code null} when none is.
	 */
	@Nullable Latest latest(String key) {
		List<byte[]> result = this.commands.evalList(LATEST, this.stream, bytes(key));
		if (result.isEmpty()) {
			return null;
		}
		String id = string(result.get(0));
		return (result.size() < 3) ? new Latest(id, null, null) : new Latest(id, string(result.get(1)), result.get(2));
	}

	/**
	 * Records that the write {@code id} of a key ran: unless a later write is queued, the
	 * key has no pending write any more; the given entries are done.
	 */
	void complete(String key, String id, Collection<String> done) {
		this.commands.evalList(COMPLETE, this.stream, withIds(done, GROUP_BYTES, bytes(key), bytes(id)));
	}

	/**
	 * Acknowledges and deletes entries whose write a later entry of the same key
	 * supersedes.
	 */
	void acknowledge(Collection<String> ids) {
		if (!ids.isEmpty()) {
			this.commands.evalInteger(ACKNOWLEDGE, this.stream, withIds(ids, GROUP_BYTES));
		}
	}

	/**
	 * Moves a write that failed its last attempt to the dead-letter stream.
	 */
	void deadLetter(String key, Latest latest, String error, long attempts, long time, Collection<String> done) {
		byte[] arguments = (latest.arguments() != null) ? latest.arguments() : new byte[0];
		this.commands.evalList(DEAD_LETTER, this.stream,
				withIds(done, GROUP_BYTES, bytes(key), bytes(latest.id()),
						bytes((latest.methodId() != null) ? latest.methodId() : ""), arguments, bytes(error),
						bytes(Long.toString(attempts)), bytes(Long.toString(time))));
	}

	/**
	 * Counts a failed run of a key's write.
	 * @return the failed runs so far
	 */
	long failed(String key) {
		return this.commands.evalInteger(FAILED, this.stream, bytes(key));
	}

	boolean lock(String key, String token, long leaseMillis) {
		return this.commands.evalInteger(LOCK, this.stream, bytes(key), bytes(token),
				bytes(Long.toString(leaseMillis))) == 1;
	}

	void unlock(String key, String token) {
		this.commands.evalInteger(UNLOCK, this.stream, bytes(key), bytes(token));
	}

	void renew(String token, long leaseMillis, Collection<String> keys) {
		if (!keys.isEmpty()) {
			this.commands.evalInteger(RENEW, this.stream,
					withIds(keys, bytes(token), bytes(Long.toString(leaseMillis))));
		}
	}

	/**
	 * Returns the value the latest queued write of a key cached.
	 * @return the value as stored, or {@code null} when no write is queued
	 */
	byte @Nullable [] pendingValue(String key) {
		List<byte[]> result = this.commands.evalList(PENDING_VALUE, this.stream, bytes(key));
		return result.isEmpty() ? null : result.get(0);
	}

	/**
	 * Returns the queue depth, the keys with a queued write, the dead letters and the
	 * enqueue time of the oldest entry ({@code -1} when empty).
	 */
	long[] stats() {
		List<byte[]> result = this.commands.evalList(STATS, this.stream);
		long[] stats = new long[4];
		for (int i = 0; i < 4; i++) {
			stats[i] = Long.parseLong(string(result.get(i)));
		}
		return stats;
	}

	private static byte[][] withIds(Collection<String> ids, byte[]... first) {
		byte[][] args = Arrays.copyOf(first, first.length + ids.size());
		int i = first.length;
		for (String id : ids) {
			args[i++] = bytes(id);
		}
		return args;
	}

	private static List<Entry> entries(List<byte[]> flat) {
		List<Entry> entries = new ArrayList<>(flat.size() / 3);
		for (int i = 0; i + 2 < flat.size(); i += 3) {
			entries.add(new Entry(string(flat.get(i)), string(flat.get(i + 1)), parseTime(flat.get(i + 2))));
		}
		return entries;
	}

	private static long parseTime(byte[] time) {
		try {
			return Long.parseLong(string(time));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static byte[] script(String text) {
		return bytes(text);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String string(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * One queued write as a consumer holds it.
	 *
	 * @param id the stream entry id
	 * @param key the encoded cache key
	 * @param time when it was queued, in epoch milliseconds of the writer's clock
	 */
	record Entry(String id, String key, long time) {
	}

	/**
	 * The latest write queued for a key.
	 *
	 * @param id its entry id
	 * @param methodId the method to run, {@code null} if the entry is gone
	 * @param arguments the serialized arguments, {@code null} if the entry is gone
	 */
	record Latest(String id, @Nullable String methodId, byte @Nullable [] arguments) {
	}

}
