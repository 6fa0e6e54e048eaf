package com.tuitionescrow.ledger.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written byte for byte on a socket: the request target and the headers exactly as given,
 * which no HTTP client library sends unchanged (they normalize dot segments, refuse a backslash,
 * merge repeated headers). For the tests of what the ledger does with such requests.
 */
public final class RawHttp {

    /** The answer: its status, its Content-Type and its body as text. */
    public record Answer(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private RawHttp() {}

    /** Sends {@code method target}, these header lines ({@code Name: value}) and the body; waits for the answer. */
    public static Answer send(int port, String method, String target, List<String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(header -> head.append(header).append("\r\n"));
        if (content.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? response : response.substring(0, headEnd);
        String body = headEnd < 0 ? "" : response.substring(headEnd + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        return new Answer(status, contentType, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            text.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return text.toString();
    }
}
