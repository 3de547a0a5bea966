package io.deploychecklist.evidence;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Host and port of the release's target, taken from its base URL. */
public final class TargetUrls {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private TargetUrls() {}

  /** @return the parsed http(s) URL, or {@code null} when {@code url} is blank or not http(s) */
  public static HttpUrl parse(String url) {
    return url == null || url.isBlank() ? null : HttpUrl.parse(url.trim());
  }

  /** An IPv4 or IPv6 literal (as {@link HttpUrl#host()} gives it, IPv6 without brackets). */
  public static boolean isIpLiteral(String host) {
    return host.contains(":") || IPV4.matcher(host).matches();
  }
}
