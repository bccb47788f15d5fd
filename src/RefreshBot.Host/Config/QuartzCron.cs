using Quartz;

namespace RefreshBot.Host.Config;

/// <summary>
/// Checks a Quartz cron expression as the scheduler will read it. First the mistakes people make, with a hint each:
/// 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]; a 5-field Unix cron lacks the seconds),
/// the characters each field allows, month and day names, and Quartz's rule that exactly one of day-of-month and
/// day-of-week is '?'. Then Quartz's own parser (value ranges such as hours 0-23), and whether it ever fires.
/// </summary>
internal static class QuartzCron
{
    private static readonly DateTimeOffset NoDateBefore = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Numeric = "0123456789,-*/";

    private static readonly (string Name, string Allowed)[] Fields =
    [
        ("seconds", Numeric),
        ("minutes", Numeric),
        ("hours", Numeric),
        ("day-of-month", Numeric + "?LW"),
        ("month", Numeric + "ABCDEFGJLMNOPRSTUVY"),
        ("day-of-week", Numeric + "?L#ADEFHIMNORSTUW"),
        ("year", Numeric),
    ];

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "L"];

    public static bool TryValidate(string cron, out string? error)
    {
        var fields = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7))
        {
            error = $"expected a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got {fields.Length}"
                + (fields.Length == 5 ? "; a Unix cron needs a seconds field first, e.g. '0 0 6 * * ?'" : "");
            return false;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i].ToUpperInvariant();
            var (name, allowed) = Fields[i];
            if (field.Any(c => !allowed.Contains(c)) || !NamesAreKnown(i, field))
            {
                error = $"the {name} field '{fields[i]}' of the cron expression is not valid: expected {Describe(i)}";
                return false;
            }
        }

        if ((fields[3] == "?") == (fields[5] == "?"))
        {
            error = "exactly one of the day-of-month and day-of-week fields must be '?' (Quartz cron), e.g. '0 0 6 ? * MON' or '0 0 6 1 * ?'";
            return false;
        }

        try
        {
            var expression = new CronExpression(cron);
            // Valid or not never depends on today: a one-off schedule whose time has passed stays valid (the service keeps
            // the job without a trigger and says so); only a cron with no date at all is an error.
            if (expression.GetNextValidTimeAfter(NoDateBefore) is null)
            {
                error = "the cron expression never fires (a date that does not exist, such as 30 FEB)";
                return false;
            }
        }
        catch (FormatException e)
        {
            error = $"the cron expression is not valid: {e.Message.TrimEnd('.')} (Quartz fields: seconds minutes hours day-of-month month day-of-week [year])";
            return false;
        }

        error = null;
        return true;
    }

    private static bool NamesAreKnown(int index, string field)
    {
        var names = index switch { 4 => Months, 5 => Days, _ => null };
        if (names is null)
        {
            return true;
        }

        var words = field.Split([',', '-', '/', '#', '*', '?', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], StringSplitOptions.RemoveEmptyEntries);
        return words.All(word => names.Contains(word) || (index == 5 && word.EndsWith('L') && names.Contains(word[..^1])));
    }

    private static string Describe(int index) => index switch
    {
        3 => "numbers 1-31 with , - * / ? L W",
        4 => "numbers 1-12 or JAN-DEC with , - * /",
        5 => "numbers 1-7 or SUN-SAT with , - * / ? L #",
        6 => "years with , - * /",
        _ => "numbers with , - * /",
    };
}
