package org.jmach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mig#write}: folders made, unchanged files left alone. */
class MigWriteTest {

    @TempDir
    Path tmp;

    @Test
    void writesOnlyWhatChanged() throws IOException {
        Path out = tmp.resolve("gen");
        Map<String, String> v1 = Map.of("a/b/AUser.java", "class AUser {}\n", "a/b/AIds.java", "class AIds {}\n");
        List<Path> written = Mig.write(out, v1);
        Path user = out.resolve("a/b/AUser.java").toAbsolutePath();
        Path ids = out.resolve("a/b/AIds.java").toAbsolutePath();
        assertEquals(List.of(ids, user), written);
        assertEquals("class AUser {}\n", Files.readString(user));

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(user, old);
        Files.setLastModifiedTime(ids, old);
        assertEquals(List.of(), Mig.write(out, v1));
        assertEquals(old, Files.getLastModifiedTime(user));

        assertEquals(List.of(user), Mig.write(out, Map.of("a/b/AUser.java", "class AUser { int x; }\n",
                "a/b/AIds.java", "class AIds {}\n")));
        assertEquals(old, Files.getLastModifiedTime(ids));
        assertEquals("class AUser { int x; }\n", Files.readString(user));
    }

    @Test
    void refusesPathsOutsideTheOutputDirectory() {
        assertThrows(IOException.class, () -> Mig.write(tmp.resolve("gen"), Map.of("../Evil.java", "x")));
    }
}
