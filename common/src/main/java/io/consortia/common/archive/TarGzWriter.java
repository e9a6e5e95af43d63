package io.consortia.common.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip-compressed POSIX ustar archive of regular files, the format {@code tar xzf}
 * reads. Only what backups need: regular files, paths of at most 255 bytes, no links or owners.
 * The caller owns {@code out}; {@link #close()} finishes the archive and closes it.
 */
public final class TarGzWriter implements AutoCloseable {
    static final int BLOCK = 512;
    private final GZIPOutputStream out;
    private boolean closed;

    public TarGzWriter(OutputStream out) throws IOException {
        this.out = new GZIPOutputStream(out, 1 << 16);
    }

    /** Adds a file whose content is in memory. */
    public void add(String name, byte[] content) throws IOException {
        header(name, content.length, System.currentTimeMillis());
        out.write(content);
        pad(content.length);
    }

    /** Adds a regular file from disk under {@code name}. */
    public void add(String name, Path file) throws IOException {
        long size = Files.size(file);
        header(name, size, Files.getLastModifiedTime(file).toMillis());
        long copied;
        try (InputStream in = Files.newInputStream(file)) {
            copied = in.transferTo(out);
        }
        if (copied != size) {
            // the header already promised `size` bytes: an archive with another length would be corrupt
            throw new IOException(file + " changed while it was archived (" + size + " bytes expected, " + copied
                    + " read)");
        }
        pad(size);
    }

    /** Adds every regular file under {@code dir}, named {@code prefix/<relative path>}, in a stable order. */
    public void addTree(String prefix, Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                add(prefix + "/" + dir.relativize(file).toString().replace('\\', '/'), file);
            }
        }
    }

    private void header(String name, long size, long mtimeMillis) throws IOException {
        TarNames.check(name);
        byte[] h = new byte[BLOCK];
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 100) {
            System.arraycopy(bytes, 0, h, 0, bytes.length);
        } else {
            int split = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            byte[] prefix = name.substring(0, Math.max(split, 0)).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split <= 0 || prefix.length > 155 || rest.length > 100) {
                throw new IOException("archive entry name too long for ustar: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtimeMillis / 1000);
        h[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        out.write(h);
    }

    private static void octal(byte[] h, int offset, int length, long value) throws IOException {
        String s = Long.toOctalString(value);
        if (s.length() > length - 1) {
            throw new IOException("value " + value + " does not fit a ustar header field");
        }
        s = "0".repeat(length - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, s.length());
        h[offset + length - 1] = 0;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Writes the end-of-archive marker and the gzip trailer, and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.write(new byte[2 * BLOCK]);
        out.finish();
        out.close();
    }
}
