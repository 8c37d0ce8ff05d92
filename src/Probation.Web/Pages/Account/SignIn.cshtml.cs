using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Probation.Application.Identity;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your username")]
        [StringLength(256, ErrorMessage = "Your username must be 256 characters or fewer")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(256, ErrorMessage = "Your password must be 256 characters or fewer")]
        public string? Password { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(Input.UserName!.Trim());
        if (user is not null)
        {
            var check = await signIn.CheckPasswordSignInAsync(user, Input.Password!, lockoutOnFailure: true);
            if (check.IsLockedOut)
            {
                ModelState.AddModelError(string.Empty, "Your account is locked after too many failed attempts. Try again in 15 minutes.");
                return Page();
            }

            if (check.Succeeded)
            {
                await signIn.SignInAsync(user, CookieEvents.NewSession(clock), authenticationMethod: "pwd");
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }
        }

        ModelState.AddModelError("Input.UserName", "The username or password is not right");
        return Page();
    }
}
