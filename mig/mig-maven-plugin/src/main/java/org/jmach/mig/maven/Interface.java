package org.jmach.mig.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <interface>} of the goal's configuration: a {@code .defs} file
 * and how to generate it. With none of {@code user}, {@code server} and
 * {@code ids} set, all three sides are generated; with some set, those
 * not set are not.
 */
public class Interface {

    private String file;
    private String javaPackage;
    private Boolean user;
    private Boolean server;
    private Boolean ids;
    private Map<String, String> defines = new LinkedHashMap<>();

    /** The {@code .defs} file, relative to {@code defsDirectory}. */
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    /** The package of the generated classes; MIG's default when not set. */
    public String getJavaPackage() {
        return javaPackage;
    }

    public void setJavaPackage(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    public Boolean getUser() {
        return user;
    }

    public void setUser(Boolean user) {
        this.user = user;
    }

    public Boolean getServer() {
        return server;
    }

    public void setServer(Boolean server) {
        this.server = server;
    }

    public Boolean getIds() {
        return ids;
    }

    public void setIds(Boolean ids) {
        this.ids = ids;
    }

    /** Macros of this interface alone; they override the goal's. */
    public Map<String, String> getDefines() {
        return defines;
    }

    public void setDefines(Map<String, String> defines) {
        this.defines = defines != null ? defines : new LinkedHashMap<>();
    }

    @Override
    public String toString() {
        return file;
    }
}
