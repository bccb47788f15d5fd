using System.Globalization;
using RefreshBot.Domain.Proposals.Windows;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Reads <c>policies.prWindow: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00", timeZone: Europe/Berlin}</c>.
/// Every key is optional: all days, 00:00, 24:00, UTC. <c>to</c> at or before <c>from</c> crosses midnight.
/// </summary>
internal static class PrWindowReader
{
    private static readonly string[] Keys = ["days", "from", "to", "timeZone"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    public static ProposalWindow Read(YamlNodes yaml, YamlNode node, string what)
    {
        var map = yaml.Mapping(node, what, Keys);
        var days = map.TryGetValue("days", out var daysNode) ? Days(yaml, daysNode, what + ".days") : DayNames.Values.ToList();
        var from = map.TryGetValue("from", out var fromNode) ? Clock(yaml, fromNode, what + ".from", allowMidnightEnd: false) : TimeSpan.Zero;
        var to = map.TryGetValue("to", out var toNode) ? Clock(yaml, toNode, what + ".to", allowMidnightEnd: true) : TimeSpan.FromDays(1);
        if (to == from)
        {
            throw yaml.Error(toNode ?? node, $"{what}: 'from' and 'to' are the same time; leave both out for the whole day");
        }

        var zone = TimeZoneInfo.Utc;
        if (map.TryGetValue("timeZone", out var zoneNode))
        {
            var id = yaml.RequiredValue(zoneNode, what + ".timeZone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
            {
                throw yaml.Error(zoneNode, TimeZoneSuggestion.Problem(what + ".timeZone", yaml.Text(zoneNode, what)));
            }

            zone = found;
        }

        return new ProposalWindow(days, from, to, zone);
    }

    private static List<DayOfWeek> Days(YamlNodes yaml, YamlNode node, string what)
    {
        var days = new List<DayOfWeek>();
        foreach (var item in yaml.Sequence(node, what))
        {
            var day = yaml.Choice(item, what + " entry", DayNames);
            if (days.Contains(day))
            {
                throw yaml.Error(item, $"{what}: '{yaml.Text(item, what)}' is listed twice");
            }

            days.Add(day);
        }

        return days.Count > 0 ? days : throw yaml.Error(node, $"{what}: expected at least one day (mon, tue, wed, thu, fri, sat, sun)");
    }

    private static TimeSpan Clock(YamlNodes yaml, YamlNode node, string what, bool allowMidnightEnd)
    {
        var text = yaml.Text(node, what);
        if (allowMidnightEnd && text == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (text.Length != 5 || !TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw yaml.Error(node, $"{what}: expected a time such as 09:00 (00:00 to {(allowMidnightEnd ? "24:00" : "23:59")}), got '{text}'");
        }

        return time.ToTimeSpan();
    }
}
