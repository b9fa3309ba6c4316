package dev.frontdesk.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The vendored crawler list as Java reads it, and the browsers and phones it must never flag. */
class BotsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // iOS Safari, iPhone and iPad.
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
            // Chrome on iOS, Google app on iOS.
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/292.0.595894124 Mobile/15E148 Safari/604.1",
            // Android Chrome (reduced user agent) and a Pixel.
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
            // Samsung Internet.
            "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            // Facebook and Instagram in-app browsers (iOS and Android).
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/444.0.0.32.118;FBBV/553395185;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.2;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]",
            "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/445.0.0.34.118;]",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 311.0.2.25.104 (iPhone14,5; iOS 17_1_2; en_US; en; scale=3.00; 1170x2532; 545314536)",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A.231105.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Instagram 312.1.0.34.111 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 8; shiba; shiba; en_US; 548323754)",
            // Android WebView (an app's web page).
            "Mozilla/5.0 (Linux; Android 12; moto g(60) Build/S2RI32.32-20-9; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36",
            // A Cubot phone: "bot" in a real device's name.
            "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Mobile Safari/537.36",
            // Desktop: Edge, Firefox, Opera, Safari, Chrome, old IE11.
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
            "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko",
    })
    void realBrowsersAndPhonesAreNotBots(String userAgent) {
        assertFalse(Bots.isBot(userAgent), userAgent);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "curl/8.4.0",
            "python-requests/2.31.0",
            "Python-urllib/3.11",
            "Wget/1.21.4",
            "Go-http-client/1.1",
            "okhttp/4.12.0",
            "axios/1.6.0",
            "Java/17.0.8",
            "Apache-HttpClient/4.5.14 (Java/17.0.8)",
            "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Twitterbot/1.0",
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)",
    })
    void knownCrawlersAndClientsAreBots(String userAgent) {
        assertTrue(Bots.isBot(userAgent), userAgent);
    }

    @Test
    void noUserAgentIsABot() {
        assertTrue(Bots.isBot(null));
        assertTrue(Bots.isBot(""));
        assertTrue(Bots.isBot("   "));
    }

    @Test
    void everyPatternOfTheListCompilesInJavaAndRecognizesItsOwnInstances() {
        JsonNode list = Bots.list();
        assertTrue(list.size() > 1000, "the list has " + list.size() + " entries");
        Pattern all = Bots.compile(Bots.patterns());
        List<String> problems = new ArrayList<>();
        int instances = 0;
        for (JsonNode entry : list) {
            String pattern = entry.get("pattern").textValue();
            try {
                Pattern one = Pattern.compile(pattern);
                for (JsonNode instance : entry.path("instances")) {
                    instances++;
                    if (!one.matcher(instance.textValue()).find()) {
                        problems.add(pattern + " misses its instance " + instance.textValue());
                    }
                    if (!all.matcher(instance.textValue()).find() || !Bots.isBot(instance.textValue())) {
                        problems.add("the combined pattern misses " + instance.textValue());
                    }
                }
            } catch (PatternSyntaxException e) {
                problems.add(pattern + " does not compile in Java: " + e.getDescription());
            }
        }
        assertTrue(instances > 1000, instances + " instances");
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = " → ", nullValues = "NONE", value = {
            "Googlebot\\/ → Googlebot/",
            "^curl → curl",
            "Ahrefs(Bot|SiteAudit) → Ahrefs",
            "AdsBot-Google([^-]|$) → AdsBot-Google",
            "[wW]get → ''",
            "(sistrix|SISTRIX) [cC]rawler → ''",
            "Googlebot|bingbot → NONE",
            "Googlebot? → Googlebo",
            "Googlebot*x → Googlebo",
            "Google{2} → Googl",
            "Goo+gle → Goo",
            "Mail\\.RU_Bot\\d → Mail.RU_Bot",
            "Mediapartners \\(Googlebot\\) → Mediapartners (Googlebot)",
    })
    void aPatternIsScreenedByTheLiteralEveryMatchStartsWith(String pattern, String literal) {
        assertEquals(literal, Bots.literalStart(pattern));
    }

    @Test
    void aUserAgentSeenForTheFirstTimeCostsFarLessThanAMillisecond() {
        String phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.%d.144 Mobile Safari/537.36";
        for (int i = 0; i < 2000; i++) {
            Bots.isBot(phone.formatted(100_000 + i)); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            assertFalse(Bots.isBot(phone.formatted(200_000 + i)));
        }
        long microsEach = (System.nanoTime() - start) / 2000 / 1000;
        // ~45 µs here; trying all 1,500 patterns at every character took ~1,800 µs.
        assertTrue(microsEach < 500, microsEach + " µs per new user agent");
    }

    @Test
    void theAnswerForAUserAgentIsTheSameFromTheCache() {
        String phone = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
        String crawler = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
        for (int i = 0; i < 3; i++) {
            assertFalse(Bots.isBot(phone));
            assertTrue(Bots.isBot(crawler));
        }
        // Longer than what is cached: still matched, wherever the crawler's name is.
        assertTrue(Bots.isBot("x".repeat(5000) + " Googlebot/2.1"));
        assertFalse(Bots.isBot(phone + " " + "x".repeat(5000)));
    }
}
