package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair that signs and verifies Switchboard's JWTs in development and tests, as PEM files. Production
 * keys come from a Kubernetes Secret instead; these are generated once per checkout and never committed.
 */
public record DevKeys(Path privateKey, Path publicKey) {

    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    /** {@code java -cp "local-stack.jar:lib/*" dev.switchboard.localstack.DevKeys DIR}: what {@code bin/switchboard up} runs. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DevKeys DIRECTORY");
            System.exit(64);
        }
        ensure(Path.of(args[0]));
    }

    /** Returns the key pair in {@code directory}, generating it first if either file is missing. */
    public static DevKeys ensure(Path directory) {
        DevKeys keys = new DevKeys(directory.resolve(PRIVATE_KEY_FILE), directory.resolve(PUBLIC_KEY_FILE));
        if (Files.exists(keys.privateKey) && Files.exists(keys.publicKey)) {
            return keys;
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            restrictToOwner(keys.privateKey);
            Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the development key pair to " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no RSA key generator", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to narrow.
        }
    }
}
