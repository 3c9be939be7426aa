package org.jmach.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The child of the pipe baseline: copies stdin to stdout one byte at a time,
 * unbuffered, one read(2) and one write(2) per byte, until end of input.
 */
public final class PipeEcho {

    private PipeEcho() {
    }

    public static void main(String[] args) throws IOException {
        try (FileInputStream in = new FileInputStream(FileDescriptor.in);
                FileOutputStream out = new FileOutputStream(FileDescriptor.out)) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
        }
    }
}
