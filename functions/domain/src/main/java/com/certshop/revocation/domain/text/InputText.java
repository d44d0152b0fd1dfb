package com.certshop.revocation.domain.text;

/**
 * The rules for free text a caller sends in a choice (a reason, a filter) and for showing it back
 * in an error. Both live here so that every field follows the same ones.
 */
public final class InputText {
    /** Longest echo of a caller's value in a message: enough to recognise it, never a megabyte. */
    public static final int MAX_ECHO = 64;

    private InputText() {
    }

    /**
     * The value without surrounding ASCII spaces, and nothing else removed. {@link String#trim()}
     * would also strip tabs, line breaks and every other control character, so
     * {@code "keyCompromise\u0000"} would pass as a valid choice; a value with such characters
     * is simply not one of the choices.
     */
    public static String stripSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    /** True when the value is empty or ASCII spaces only: "not given". */
    public static boolean isAbsent(String value) {
        return value == null || stripSpaces(value).isEmpty();
    }

    /**
     * A caller's value as an error message may show it: at most {@link #MAX_ECHO} characters, cut
     * with an ellipsis, and characters that are invisible or could rearrange the text around them
     * (controls, format characters such as bidi overrides, lone surrogates, unassigned code
     * points) written as {@code \\uXXXX}, so that what the caller reads is what they sent.
     */
    public static String echo(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String next = visible(cp) ? new String(Character.toChars(cp)) : escaped(cp);
            if (shown.length() + next.length() > MAX_ECHO) {
                return shown.append('\u2026').toString();
            }
            shown.append(next);
            i += Character.charCount(cp);
        }
        return shown.toString();
    }

    private static boolean visible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static String escaped(int cp) {
        StringBuilder out = new StringBuilder();
        for (char c : Character.toChars(cp)) {
            out.append(String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }
}
