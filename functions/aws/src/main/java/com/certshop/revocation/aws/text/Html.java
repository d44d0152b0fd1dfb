package com.certshop.revocation.aws.text;

/** Escaping for text placed in HTML, shared by the e-mails and the confirmation page. */
public final class Html {
    private Html() {
    }

    /** Escapes text for element content and quoted attribute values; every value from a certificate or a request goes through here. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
