package io.narrowcast.follow;

/**
 * How far a followed file has been read: only whole lines count, so a line the writer had not
 * finished is read again, complete, after a restart.
 *
 * @param fileKey the file's identity (device and inode on Linux), to recognize it after a rotation
 * @param offset bytes up to the end of the last line handled
 * @param line lines handled, for the origins of dead letters
 * @param headLength how many leading bytes {@code headChecksum} covers
 * @param headChecksum CRC-32 of those bytes, to notice a different file that reuses the inode
 */
record Position(String fileKey, long offset, long line, int headLength, long headChecksum) {
  /** The start of a file never read. */
  static Position start(String fileKey) {
    return new Position(fileKey, 0, 0, 0, 0);
  }
}
