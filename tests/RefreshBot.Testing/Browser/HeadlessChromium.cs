using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace RefreshBot.Testing.Browser;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> + <c>chromium-driver</c>) driven by Selenium WebDriver, with a
/// phone-sized viewport when asked. Missing binaries are a test failure with the packages to install, never a skip.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriver _driver;

    private HeadlessChromium(ChromeDriver driver) => _driver = driver;

    public IWebDriver Driver => _driver;

    /// <summary>Starts Chromium with a <paramref name="width"/>×<paramref name="height"/> CSS-pixel viewport
    /// (<paramref name="mobile"/>: emulates a phone: mobile viewport rules, touch).</summary>
    public static HeadlessChromium Start(int width, int height, bool mobile)
    {
        foreach (var (path, package) in new[] { (BrowserPath, "chromium"), (DriverPath, "chromium-driver") })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{path} not found: the browser tests need Debian's packages chromium and chromium-driver "
                    + $"(missing: {package}; scripts/test.sh installs them: apt-get install chromium chromium-driver)");
            }
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            $"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-US");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = mobile,
        });
        return new HeadlessChromium(driver);
    }

    public void Open(string path) => _driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(path)).AbsoluteUri);

    public T Script<T>(string script, params object[] args) => (T)_driver.ExecuteScript(script, args)!;

    /// <summary>A PNG of the whole page (beyond the viewport), written to <paramref name="file"/>.</summary>
    public void SaveFullPageScreenshot(string file)
    {
        var metrics = JsonSerializer.SerializeToElement(_driver.ExecuteCdpCommand("Page.getLayoutMetrics", new Dictionary<string, object?>()));
        var size = metrics.GetProperty("cssContentSize");
        var shot = JsonSerializer.SerializeToElement(_driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object>
            {
                ["x"] = 0, ["y"] = 0, ["width"] = size.GetProperty("width").GetDouble(), ["height"] = size.GetProperty("height").GetDouble(), ["scale"] = 1,
            },
        }));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllBytes(file, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public void Dispose() => _driver.Quit();
}
