package org.jmach.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.ExamFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.container.internal.KarafTestContainerFactory;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** jmach in a Karaf container: the distribution karaf-features builds, booted by Pax Exam. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@ExamFactory(KarafTestContainerFactory.class)
public class KarafContainerTest extends ContainerTestBase {

    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    /** Registered once Karaf has installed its boot features; waiting for it avoids racing them. */
    @Inject
    private BootFinished bootFinished;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private FeaturesService featuresService;

    @Configuration
    public Option[] config() {
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(new File(System.getProperty("jmach.karaf")).toURI().toString())
                .karafVersion(System.getProperty("karaf.version"))
                .name("jmach")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            serviceTimeout(),
            // Karaf finds Pax Exam's bundles where Maven put them.
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories",
                    System.getProperty("org.ops4j.pax.url.mvn.repositories", "")),
            // The second pager implementation, which the pager check installs in place of the first.
            editConfigurationFilePut("etc/system.properties", PagerChecks.COMPRESSED_PROPERTY,
                    System.getProperty(PagerChecks.COMPRESSED_PROPERTY)),
            // The RISC-V program the scheduling check runs under the bare personality.
            editConfigurationFilePut("etc/system.properties", SchedulingChecks.BENCH_PROPERTY,
                    System.getProperty(SchedulingChecks.BENCH_PROPERTY)),
        };
    }

    @Test
    public void jmachFeaturesAreInstalled() throws Exception {
        Set<String> installed = new TreeSet<>();
        for (Feature feature : featuresService.listInstalledFeatures()) {
            installed.add(feature.getName());
        }
        for (String feature : new String[] {"jmach", "jmach-core", "jmach-pager", "jmach-shell"}) {
            assertTrue(feature + " is not among " + installed, installed.contains(feature));
        }
    }

    @Override
    protected void execute(String command, PrintStream out) throws Exception {
        try (Session session = sessionFactory.create(System.in, out, out)) {
            session.execute(command);
        }
    }
}
