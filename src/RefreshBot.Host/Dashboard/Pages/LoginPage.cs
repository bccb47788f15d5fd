using System.Text;
using RefreshBot.Host.Config;
using static RefreshBot.Host.Dashboard.Pages.Markup;

namespace RefreshBot.Host.Dashboard.Pages;

/// <summary>The login form: the token, or the user name and password, posted once; the answer is an HttpOnly cookie.</summary>
internal static class LoginPage
{
    public static string Body(DashboardAuth auth, string next, bool failed)
    {
        var b = new StringBuilder();
        b.Line($"<form class=\"login\" method=\"post\" action=\"{DashboardPaths.Login}\" id=\"login\">")
            .Line("<h1>RefreshBot dashboard</h1>");
        if (failed)
        {
            b.Line($"<p class=\"error\" id=\"login-error\">{(auth is DashboardAuth.Token ? "Wrong token." : "Wrong user name or password.")}</p>");
        }

        if (auth is DashboardAuth.Token)
        {
            b.Line("<label for=\"token\">Token</label><input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required autofocus>");
        }
        else
        {
            b.Line("<label for=\"username\">User name</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
                .Line("<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>");
        }

        return b.Line($"<input type=\"hidden\" name=\"next\" value=\"{E(next)}\"><button type=\"submit\" id=\"login-submit\">Log in</button></form>").ToString();
    }
}
