package com.certshop.revocation.trim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file names, read from its constant pool: the class entries (what it
 * instantiates, calls, casts to, extends) and the types inside its descriptors and signatures
 * (what its fields, parameters and results are); apart from them its supertypes, which the JVM
 * loads with the class itself, and the methods it calls ({@code owner#name}: the method references
 * of its invoke instructions and method handles). Over-reads on purpose: a string constant that looks
 * like a descriptor counts too, and that only keeps a class.
 */
record ClassReferences(Set<String> named, Set<String> supertypes, Set<String> calls) {
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;<>:()\\[\\s]+)[;<]");

    /** Internal names ({@code a/b/C$D}) named by {@code classFile}. */
    static ClassReferences of(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        if (in.getInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.getShort(); // minor version
        in.getShort(); // major version
        int count = Short.toUnsignedInt(in.getShort());
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        List<Integer> classNameIndexes = new ArrayList<>();
        // A method reference names its class entry and a name-and-type entry, which names the method's
        // name; either may come later in the pool, so they are resolved after it is read.
        int[] memberClassIndex = new int[count];
        int[] memberNameAndTypeIndex = new int[count];
        List<Integer> methodReferences = new ArrayList<>();
        int[] nameIndexOfNameAndType = new int[count];
        for (int index = 1; index < count; index++) {
            int tag = Byte.toUnsignedInt(in.get());
            switch (tag) {
                case 1 -> { // Utf8 (modified UTF-8; identical to UTF-8 for the names that matter here)
                    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
                    in.get(bytes);
                    utf8[index] = new String(bytes, StandardCharsets.UTF_8);
                }
                case 7 -> { // Class
                    classNameIndex[index] = Short.toUnsignedInt(in.getShort());
                    classNameIndexes.add(classNameIndex[index]);
                }
                case 8, 16, 19, 20 -> in.getShort(); // String, MethodType, Module, Package
                case 15 -> { // MethodHandle
                    in.get();
                    in.getShort();
                }
                case 10, 11 -> { // Methodref, InterfaceMethodref
                    memberClassIndex[index] = Short.toUnsignedInt(in.getShort());
                    memberNameAndTypeIndex[index] = Short.toUnsignedInt(in.getShort());
                    methodReferences.add(index);
                }
                case 12 -> { // NameAndType
                    nameIndexOfNameAndType[index] = Short.toUnsignedInt(in.getShort());
                    in.getShort();
                }
                case 3, 4, 9, 17, 18 -> in.getInt(); // Integer, Float, Fieldref, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double: take two slots
                    in.getLong();
                    index++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new HashSet<>();
        for (int nameIndex : classNameIndexes) {
            String name = utf8[nameIndex];
            // An array class names its element type as a descriptor: [Lfoo/Bar; or [[I.
            names.add(name.startsWith("[") ? name.replaceFirst("^\\[+L?", "").replaceFirst(";$", "") : name);
        }
        for (String text : utf8) {
            if (text != null) {
                Matcher type = TYPE_IN_DESCRIPTOR.matcher(text);
                while (type.find()) {
                    names.add(type.group(1));
                }
            }
        }
        Set<String> calls = new HashSet<>();
        for (int reference : methodReferences) {
            calls.add(utf8[classNameIndex[memberClassIndex[reference]]] + "#"
                    + utf8[nameIndexOfNameAndType[memberNameAndTypeIndex[reference]]]);
        }
        in.getShort(); // access flags
        in.getShort(); // this class
        Set<String> supertypes = new HashSet<>();
        int superclass = Short.toUnsignedInt(in.getShort());
        if (superclass != 0) { // only java.lang.Object has none
            supertypes.add(utf8[classNameIndex[superclass]]);
        }
        for (int interfaces = Short.toUnsignedInt(in.getShort()); interfaces > 0; interfaces--) {
            supertypes.add(utf8[classNameIndex[Short.toUnsignedInt(in.getShort())]]);
        }
        return new ClassReferences(names, supertypes, calls);
    }
}
