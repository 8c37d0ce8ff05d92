using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Probation.Application.Inspections;
using Probation.Domain.Inspection;
using Probation.Web.Infrastructure;

namespace Probation.Web.Pages.Inspections;

/// <summary>
/// An inspection: its details and status, and its samples with their strata beside the population's. The lead
/// inspector draws the samples while it is planned and moves it on; during fieldwork the team opens the sampled cases.
/// </summary>
public sealed class InspectionModel(InspectionQueries queries, DrawSample draw, ChangeInspectionStatus status) : InspectionPageModel(queries)
{
    protected override string Purpose => "Inspection sample: the sampled cases listed";

    /// <summary>What was typed into each draw form, by sample kind, kept when a refused draw shows the page again.</summary>
    public Dictionary<SampleKind, (string? Seed, string? Confidence, string? Margin)> DrawInput { get; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostDrawAsync(int id, string? kind, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        if (FormInput.Choice<SampleKind>(kind) is not { } sampleKind)
        {
            return BadRequest();
        }

        var form = Request.Form;
        string? Field(string name) => string.IsNullOrWhiteSpace(form[$"{sampleKind}.{name}"]) ? null : form[$"{sampleKind}.{name}"].ToString().Trim();
        var (seedText, confidenceText, marginText) = (Field("Seed"), Field("Confidence"), Field("Margin"));
        DrawInput[sampleKind] = (seedText, confidenceText, marginText);
        int? seed = null;
        if (seedText is not null)
        {
            seed = FormInput.Number(seedText);
            if (seed is null or < 1)
            {
                ModelState.AddModelError($"{sampleKind}.Seed", "The seed must be a whole number from 1 upwards, or left blank for a new one");
            }
        }

        double? Proportion(string? text, string name, string what)
        {
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }

            ModelState.AddModelError($"{sampleKind}.{name}", $"The {what} must be a proportion, for example {(name == "Margin" ? "0.05" : "0.8")}");
            return null;
        }

        var confidence = Proportion(confidenceText, "Confidence", "confidence level");
        var margin = Proportion(marginText, "Margin", "margin of error");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var version = FormInput.Number(form["Version"]) ?? -1;
        return Done(
            await draw.RunAsync(new DrawSampleCommand(id, version, sampleKind, seed, confidence, margin), ct),
            $"The {Describe(sampleKind).ToLowerInvariant()} sample is drawn.", $"{sampleKind}.");
    }

    public async Task<IActionResult> OnPostStatusAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        var to = FormInput.Choice<InspectionStatus>(Request.Form["Status"]);
        var version = FormInput.Number(Request.Form["Version"]) ?? -1;
        return Done(
            await status.RunAsync(new StatusCommand(id, version, to), ct),
            to switch
            {
                InspectionStatus.Fieldwork => "Fieldwork has started.",
                InspectionStatus.Reporting => "Fieldwork has ended: the sampled cases are closed.",
                _ => "The report is published.",
            },
            "");
    }

    public static string NextAction(InspectionStatus next) => next switch
    {
        InspectionStatus.Fieldwork => "Start fieldwork",
        InspectionStatus.Reporting => "End fieldwork and start reporting",
        _ => "Publish the report",
    };
}
