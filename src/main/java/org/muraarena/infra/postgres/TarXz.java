package org.muraarena.infra.postgres;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.tukaani.xz.XZInputStream;

/**
 * Minimal reader for the {@code .txz} archive in Zonky's binaries jar: xz via XZ for Java (a single small
 * dependency), tar parsed here because the archive only needs files, directories and links, which does not
 * justify commons-compress and its commons-io/commons-lang3 dependencies.
 */
final class TarXz {

    private static final int BLOCK = 512;

    private TarXz() {
    }

    /** Extracts the archive into {@code dest}, which must exist; all directories end up mode 0755. */
    static void extract(InputStream compressed, Path dest) throws IOException {
        try (InputStream tar = new XZInputStream(new BufferedInputStream(compressed, 1 << 16))) {
            extractTar(tar, dest);
            // Read past tar's end-of-archive padding to the end of the xz stream, which verifies its CRC64.
            tar.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Extracts an uncompressed tar stream; files, directories, symbolic and hard links, GNU/pax long names. */
    static void extractTar(InputStream in, Path dest) throws IOException {
        Path root = dest.toAbsolutePath().normalize();
        byte[] header = new byte[BLOCK];
        byte[] buffer = new byte[1 << 16];
        String longName = null;
        String longLink = null;
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) != BLOCK) {
                throw new EOFException("truncated tar archive");
            }
            if (isZero(header)) {
                break; // end-of-archive marker
            }
            long size = number(header, 124, 12);
            char type = (char) header[156];
            String name = longName != null ? longName : name(header);
            String link = longLink != null ? longLink : string(header, 157, 100);
            longName = null;
            longLink = null;
            switch (type) {
                case 'L': // GNU long name for the next entry
                    longName = trimNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    continue;
                case 'K': // GNU long link target for the next entry
                    longLink = trimNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    continue;
                case 'x': // POSIX pax header for the next entry
                    String pax = new String(readData(in, size), StandardCharsets.UTF_8);
                    longName = paxValue(pax, "path");
                    longLink = paxValue(pax, "linkpath");
                    continue;
                default:
                    break;
            }
            Path target = inside(root, name);
            switch (type) {
                case '5':
                    Files.createDirectories(target);
                    break;
                case '2':
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(link));
                    break;
                case '1':
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createLink(target, inside(root, link));
                    break;
                case '0':
                case '\0':
                case '7':
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, buffer);
                    }
                    Files.setPosixFilePermissions(target, fileMode((int) number(header, 100, 8)));
                    size = 0; // already consumed
                    break;
                default: // devices, fifos, global pax headers: not in this archive, skip their data
                    break;
            }
            in.skipNBytes(padded(size));
        }
        // Directories are created with the process umask; PostgreSQL may run as another uid that must traverse them.
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                }
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root)) {
            throw new IOException("tar entry escapes the target folder: " + name);
        }
        return p;
    }

    /** Owner rw(x), everyone else read (and execute where the owner has it); never group/other write. */
    private static Set<PosixFilePermission> fileMode(int mode) {
        Set<PosixFilePermission> s = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            s.add(PosixFilePermission.OWNER_EXECUTE);
            s.add(PosixFilePermission.GROUP_EXECUTE);
            s.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return s;
    }

    private static void copy(InputStream in, OutputStream out, long size, byte[] buffer) throws IOException {
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        in.skipNBytes(padded(size) - size);
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar metadata entry too large: " + size);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("truncated tar entry");
        }
        in.skipNBytes(padded(size) - size);
        return data;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static String name(byte[] h) {
        String name = string(h, 0, 100);
        // POSIX ustar splits long names into prefix + name; GNU tar uses those bytes for other fields.
        boolean posix = h[257] == 'u' && h[262] == 0;
        String prefix = posix ? string(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long number(byte[] h, int off, int len) throws IOException {
        if ((h[off] & 0x80) != 0) {
            throw new IOException("base-256 tar numbers are not supported");
        }
        String s = string(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static String paxValue(String pax, String key) {
        for (String record : pax.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith(key + "=", space + 1)) {
                return record.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
