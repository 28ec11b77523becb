package org.muraarena.infra.postgres;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the PostgreSQL frontend/backend protocol (v3, trust auth, simple queries) to create the
 * application database. The Zonky binaries ship no psql, and this class must not need a JDBC driver.
 */
final class PgWire implements Closeable {

    /** An ErrorResponse from the server; {@code sqlState} is e.g. 57P03 while it is still starting up. */
    static final class ServerError extends IOException {
        final String sqlState;

        ServerError(String sqlState, String message) {
            super(message + " (SQLSTATE " + sqlState + ")");
            this.sqlState = sqlState;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private PgWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    static PgWire connect(String host, int port, String user, String database, int timeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            PgWire wire = new PgWire(socket);
            wire.startup(user, database);
            return wire;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void startup(String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : new String[] {"user", user, "database", database, "client_encoding", "UTF8"}) {
            body.writeBytes(cstring(s));
        }
        body.write(0);
        out.writeInt(8 + body.size());
        out.writeInt(196608); // protocol 3.0
        body.writeTo(out);
        out.flush();
        readUntilReady(null);
    }

    /** Runs one simple query and returns its rows as text (null for SQL NULL). */
    List<List<String>> query(String sql) throws IOException {
        byte[] text = cstring(sql);
        out.writeByte('Q');
        out.writeInt(4 + text.length);
        out.write(text);
        out.flush();
        List<List<String>> rows = new ArrayList<>();
        readUntilReady(rows);
        return rows;
    }

    private void readUntilReady(List<List<String>> rows) throws IOException {
        ServerError error = null;
        while (true) {
            int type = in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            switch (type) {
                case 'R': // Authentication*: 0 = ok; anything else means a password was wanted
                    int code = (body[0] << 24) | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | (body[3] & 0xff);
                    if (code != 0) {
                        throw new IOException("server asks for authentication method " + code
                                + "; the embedded server is expected to use trust authentication");
                    }
                    break;
                case 'E':
                    error = parseError(body);
                    if (rows == null) {
                        throw error; // startup errors end the connection without ReadyForQuery
                    }
                    break;
                case 'D':
                    rows.add(parseRow(body));
                    break;
                case 'Z':
                    if (error != null) {
                        throw error;
                    }
                    return;
                default: // ParameterStatus, BackendKeyData, RowDescription, CommandComplete, Notice...
                    break;
            }
        }
    }

    private static List<String> parseRow(byte[] b) {
        int columns = (b[0] & 0xff) << 8 | (b[1] & 0xff);
        List<String> row = new ArrayList<>(columns);
        int pos = 2;
        for (int i = 0; i < columns; i++) {
            int len = (b[pos] << 24) | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
            pos += 4;
            if (len < 0) {
                row.add(null);
            } else {
                row.add(new String(b, pos, len, StandardCharsets.UTF_8));
                pos += len;
            }
        }
        return row;
    }

    private static ServerError parseError(byte[] b) {
        String state = "?";
        String message = "unknown error";
        int pos = 0;
        while (pos < b.length && b[pos] != 0) {
            byte field = b[pos++];
            int end = pos;
            while (b[end] != 0) {
                end++;
            }
            String value = new String(b, pos, end - pos, StandardCharsets.UTF_8);
            if (field == 'C') {
                state = value;
            } else if (field == 'M') {
                message = value;
            }
            pos = end + 1;
        }
        return new ServerError(state, message);
    }

    private static byte[] cstring(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[raw.length + 1];
        System.arraycopy(raw, 0, withNul, 0, raw.length);
        return withNul;
    }

    @Override
    public void close() throws IOException {
        try {
            out.writeByte('X'); // Terminate, so the server does not log an unexpected EOF
            out.writeInt(4);
            out.flush();
        } catch (IOException ignored) {
            // the socket is closed below anyway
        } finally {
            socket.close();
        }
    }
}
