using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Probation.Web.Pages;

/// <summary>One page for every error status: says what happened in plain words and shows no internals.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";
    public string Message { get; private set; } = "Try again later.";

    // The code is read from the route by hand, with no model binding. When a failed form post is re-executed here, its
    // body is the form that failed: binding would read it first, and either take a "code" field the user sent or fail
    // to read the form at all (too many fields, a key too long), leave the code unset, and turn the 400 into a 500.
    public void OnGet() => Describe(Code);

    public void OnPost() => Describe(Code);

    private int Code => int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 500;

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            400 => ("The form could not be sent", "The page may have been open for too long, or the request was not valid. Go back, reload the page and try again."),
            403 => ("You do not have access to this page", "Your role does not include this page. Ask your team manager if you need access."),
            429 => ("Too many attempts", "There have been too many sign-in attempts from your network. Wait a minute, then try again."),
            405 => ("This page cannot take that request", "Go back and use the page's own buttons and links."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you entered a case reference number, it is one letter followed by six digits, for example X123456."),
            _ => ("Sorry, there is a problem with the service", "Try again later. Nothing you entered has been saved."),
        };
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
    }
}
