package io.rustyray.runtime.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A folder in a shared place (the temp directory) that only this user can write: what a JVM loads
 * from it must not be someone else's.
 */
final class PrivateFolder {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFolder() {}

  /**
   * @return the folder, made if need be; empty when it exists but is not this user's alone
   */
  static Optional<Path> create(Path dir) {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir.getParent());
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // Another node made it: checked below like any other.
        }
      }
      boolean ours =
          Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
              && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS)
                  .getName()
                  .equals(System.getProperty("user.name"))
              && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
      return ours ? Optional.of(dir) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
