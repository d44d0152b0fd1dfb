package com.certshop.revocation.http;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.text.InputText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule for reading a request body, in one place: its size, its declared format, and how
 * each format decodes. Anything that does not decode is the caller's mistake (4xx with a stable
 * code), never a 500.
 */
final class RequestBody {
    /**
     * The largest body any route reads. The biggest real one (a reason, a token, an answer) is
     * under 200 bytes; API Gateway would pass up to 10 MB, which a handler should not parse.
     */
    static final int MAX_BYTES = 64 * 1024;

    /** The body formats routes read, by the media type that declares them. */
    enum Format {
        JSON("application/json"),
        FORM("application/x-www-form-urlencoded");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private RequestBody() {
    }

    /**
     * The format a Content-Type header declares: the media type in any letter case, with
     * parameters; a charset other than UTF-8 declares none (JSON is UTF-8 by RFC 8259, and the
     * form decoder reads UTF-8 only).
     */
    static Optional<Format> declared(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        Optional<Format> format = Arrays.stream(Format.values()).filter(f -> f.mediaType.equals(type)).findFirst();
        for (int i = 1; i < parts.length && format.isPresent(); i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return Optional.empty();
                }
            }
        }
        return format;
    }

    /** 415 unless the body is declared as one of the formats the route reads. */
    static Format require(String contentType, List<Format> accepted) {
        Optional<Format> format = declared(contentType).filter(accepted::contains);
        if (format.isPresent()) {
            return format.get();
        }
        List<String> types = accepted.stream().map(f -> f.mediaType).toList();
        throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + String.join(" or ", types)
                + (contentType == null ? " (no Content-Type was given)." : ", not '" + InputText.echo(contentType) + "'."),
                types);
    }

    /**
     * The body as text: base64 undone when API Gateway encoded it, bytes strictly UTF-8. The size
     * is checked before anything is decoded.
     */
    static String text(String body, boolean base64) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        byte[] bytes;
        if (base64) {
            if (body.length() > (MAX_BYTES + 2) / 3 * 4) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw malformed("The body is not valid base64.");
            }
        } else {
            // Every character is at least one byte: the cheap test first, then the exact one.
            if (body.length() > MAX_BYTES) {
                throw tooLarge();
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return utf8(bytes).orElseThrow(() -> malformed("The body is not valid UTF-8."));
    }

    /**
     * A JSON object, and nothing after it: jackson-jr stops reading after the first value, so
     * {@code {"reason":"superseded"} {"reason":"keyCompromise"}} would otherwise read as the
     * first. Duplicate keys are refused too (jackson-jr's FAIL_ON_DUPLICATE_MAP_KEYS, on by default).
     */
    static Map<String, Object> jsonObject(String text) {
        if (text.isBlank()) {
            return Map.of();
        }
        try (JsonParser parser = JSON.std.createParser(text)) {
            Object parsed = JSON.std.anyFrom(parser);
            if (parsed instanceof Map<?, ?> map && parser.nextToken() == null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (IOException e) {
            // Fall through to the refusal below.
        }
        throw new DomainException(ErrorCode.INVALID_JSON, "The request body must be one JSON object and nothing else.");
    }

    /**
     * An application/x-www-form-urlencoded body as fields. Percent escapes must be complete and
     * spell UTF-8 ({@link java.net.URLDecoder} throws on {@code %zz} and quietly replaces bad
     * UTF-8), and each field comes once, so that no second value can override the first.
     */
    static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (fields.put(name, value) != null) {
                throw malformed("The form gives the field '" + InputText.echo(name) + "' more than once.");
            }
        }
        return fields;
    }

    private static String formDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || !isAsciiHex(encoded.charAt(i + 1)) || !isAsciiHex(encoded.charAt(i + 2))) {
                    throw malformed("The form data has a broken percent escape.");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                int cp = encoded.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return utf8(bytes.toByteArray()).orElseThrow(() -> malformed("The form data is not valid UTF-8."));
    }

    private static boolean isAsciiHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static DomainException malformed(String message) {
        return new DomainException(ErrorCode.MALFORMED_BODY, message);
    }

    private static DomainException tooLarge() {
        return new DomainException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + MAX_BYTES / 1024 + " KiB; no request of this API needs that much.");
    }
}
