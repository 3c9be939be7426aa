package org.jmach.mig.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jmach.mig.Mig;
import org.jmach.mig.MigException;

/**
 * Runs MIG on the configured {@code .defs} files and adds the generated
 * sources to the compile source roots. Files whose content does not change
 * are not rewritten.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** Where the interfaces' files are. */
    @Parameter(defaultValue = "${project.basedir}/src/main/defs", required = true)
    private File defsDirectory;

    /** The interfaces to generate, each an {@code <interface>}. */
    @Parameter
    private List<Interface> interfaces;

    /** The {@code -I} directories, searched in order; {@code defsDirectory} by default. */
    @Parameter
    private List<File> includes;

    /** Macros of every interface ({@code <NAME>VALUE</NAME>}; empty means "1"). */
    @Parameter
    private Map<String, String> defines;

    /** Where the generated sources go. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/mig", required = true)
    private File outputDirectory;

    /**
     * Whether the generated sources are test sources (for interfaces only
     * tests use): they are then added as a test source root. Set
     * outputDirectory apart from the main one and bind the execution to
     * generate-test-sources.
     */
    @Parameter(defaultValue = "false")
    private boolean testSources;

    /** Skips the goal. */
    @Parameter(property = "mig.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("MIG skipped");
            return;
        }
        if (interfaces == null || interfaces.isEmpty()) {
            getLog().warn("MIG: no <interfaces> configured");
            return;
        }
        List<Path> dirs = new ArrayList<>();
        if (includes != null) {
            includes.forEach(f -> dirs.add(f.toPath()));
        }
        MigGeneration generation = new MigGeneration(defsDirectory.toPath(), dirs, defines, outputDirectory.toPath());
        try {
            generation.generate(interfaces).forEach((i, written) -> {
                if (written.isEmpty()) {
                    getLog().debug("MIG " + i + ": up to date");
                } else {
                    getLog().info("MIG " + i + ": " + written.size() + " file(s) written");
                }
            });
        } catch (MigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("MIG: " + Mig.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("MIG: " + e.getMessage(), e);
        }
        if (testSources) {
            project.addTestCompileSourceRoot(outputDirectory.getAbsolutePath());
        } else {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        }
    }
}
