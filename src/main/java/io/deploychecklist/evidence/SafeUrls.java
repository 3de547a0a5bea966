package io.deploychecklist.evidence;

import okhttp3.HttpUrl;

/** URLs as evidence may show them: without user name and password. */
public final class SafeUrls {

  private SafeUrls() {}

  /** The URL without credentials; {@code null} for a blank one; a masked text for an invalid one. */
  public static String safe(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url.trim());
    if (parsed != null) {
      return safe(parsed);
    }
    return url.trim().replaceAll("//[^/@]*@", "//***@");
  }

  public static String safe(HttpUrl url) {
    return url.newBuilder().username("").password("").build().toString();
  }
}
