package io.consortia.common.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads archives written by {@link TarGzWriter} (and plain-file ustar archives of GNU tar).
 * Every entry name is checked before anything is written: an archive cannot place a file
 * outside the target directory.
 */
public final class TarGzReader {
    private TarGzReader() {}

    /**
     * Extracts every regular file of {@code archive} under {@code target} (created if absent) and
     * returns the entry names in archive order. Directory entries are skipped; links, devices and
     * other types are refused.
     *
     * @param maxBytes refuse archives that expand beyond this many bytes (a guard against gzip bombs)
     * @throws IOException if the archive is truncated, corrupt (gzip CRC, header checksum) or unsafe
     */
    public static List<String> extract(Path archive, Path target, long maxBytes) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        List<String> names = new ArrayList<>();
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] h = new byte[TarGzWriter.BLOCK];
            while (true) {
                readFully(in, h);
                if (isZero(h)) {
                    break;
                }
                checkSum(h);
                String name = name(h);
                long size = octal(h, 124, 12);
                byte type = h[156];
                long padded = (size + TarGzWriter.BLOCK - 1) / TarGzWriter.BLOCK * TarGzWriter.BLOCK;
                if (type == '5') {
                    skip(in, padded);
                    continue;
                }
                if (type != '0' && type != 0) {
                    throw new IOException("archive entry " + TarNames.printable(name) + " is not a regular file (type "
                            + (char) type + ")");
                }
                TarNames.check(name);
                total += size;
                if (total > maxBytes) {
                    throw new IOException("archive expands beyond " + maxBytes + " bytes");
                }
                Path file = root.resolve(name).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("archive entry " + TarNames.printable(name) + " leaves the target directory");
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    copy(in, out, size);
                }
                skip(in, padded - size);
                names.add(name);
            }
            // a gzip stream must be read to its end for GZIPInputStream to check the trailer's CRC
            in.transferTo(OutputStream.nullOutputStream());
        }
        return names;
    }

    /**
     * The content of one entry, read without extracting the others (a manifest, written first,
     * is found at once); empty if the archive has no such entry.
     */
    public static java.util.Optional<byte[]> read(Path archive, String name, int maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] h = new byte[TarGzWriter.BLOCK];
            while (true) {
                readFully(in, h);
                if (isZero(h)) {
                    return java.util.Optional.empty();
                }
                checkSum(h);
                long size = octal(h, 124, 12);
                long padded = (size + TarGzWriter.BLOCK - 1) / TarGzWriter.BLOCK * TarGzWriter.BLOCK;
                if (name(h).equals(name)) {
                    if (size > maxBytes) {
                        throw new IOException("archive entry " + name + " is larger than " + maxBytes + " bytes");
                    }
                    byte[] content = new byte[(int) size];
                    readFully(in, content);
                    return java.util.Optional.of(content);
                }
                skip(in, padded);
            }
        }
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n != b.length) {
            throw new EOFException("archive is truncated");
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("archive is truncated");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n); // EOFException when the archive ends early
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkSum(byte[] h) throws IOException {
        long expected = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (sum != expected) {
            throw new IOException("archive header checksum mismatch: the archive is corrupt");
        }
    }

    private static String name(byte[] h) {
        String name = field(h, 0, 100);
        String prefix = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar") ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        String s = field(h, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("archive header field is not a number: the archive is corrupt");
        }
    }
}
