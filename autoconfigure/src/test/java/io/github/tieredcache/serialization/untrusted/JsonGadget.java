package io.github.tieredcache.serialization.untrusted;

/**
 * Never referenced by tests except by name inside crafted JSON: a class with side effects
 * in its static initializer and constructor, as a gadget would have.
 */
public class JsonGadget {

	static {
		Evidence.record("JsonGadget initialized");
	}

	private String command;

	public JsonGadget() {
		Evidence.record("JsonGadget constructed");
	}

	public String getCommand() {
		return this.command;
	}

	public void setCommand(String command) {
		Evidence.record("JsonGadget.setCommand called");
		this.command = command;
	}

}
