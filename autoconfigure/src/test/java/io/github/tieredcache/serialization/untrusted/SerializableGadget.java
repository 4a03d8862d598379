package io.github.tieredcache.serialization.untrusted;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A serializable class with a side effect on deserialization, as a gadget would have.
 */
public class SerializableGadget implements Serializable {

	private static final long serialVersionUID = 1L;

	private final String command;

	public SerializableGadget(String command) {
		this.command = command;
	}

	public String command() {
		return this.command;
	}

	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		Evidence.record("SerializableGadget deserialized");
		in.defaultReadObject();
	}

}
