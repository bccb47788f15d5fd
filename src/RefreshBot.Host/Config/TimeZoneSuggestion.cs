namespace RefreshBot.Host.Config;

/// <summary>The error for a time zone id the system's zone database does not know, with the closest known id as a hint.</summary>
internal static class TimeZoneSuggestion
{
    public static string Problem(string what, string written)
    {
        var closest = KeySuggestion.Closest(written, TimeZoneInfo.GetSystemTimeZones().Select(zone => zone.Id));
        return $"{what}: unknown time zone '{written}': expected an IANA id such as Europe/Berlin or UTC"
            + (closest is null ? "" : $"; did you mean '{closest}'?");
    }
}
