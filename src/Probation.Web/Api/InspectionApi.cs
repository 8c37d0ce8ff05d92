using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Probation.Domain.Inspection;

namespace Probation.Web.Api;

public sealed record InspectionRatingsRequest(string? ProviderType, string? Framework, List<InspectionStandardRequest>? Standards);

public sealed record InspectionStandardRequest(string? Id, Rating? Rating, List<InspectionKeyQuestionRequest>? KeyQuestions, InspectionDiscretionRequest? Discretion, string? Evidence);

public sealed record InspectionKeyQuestionRequest(string? Id, int? Yes, int? No, int? NotApplicable);

public sealed record InspectionDiscretionRequest(Rating? Rating, string? Reason);

public sealed record InspectionKeyQuestionResponse(string Id, string Text, int Yes, int No, int NotApplicable, int Relevant, int PercentYes, bool RelevantSubSampleOnly);

public sealed record InspectionStandardResponse(
    string Id, string Name, IReadOnlyList<InspectionKeyQuestionResponse> KeyQuestions, string? LowestKeyQuestion, Rating CalculatedRating, Rating Rating,
    bool DiscretionApplied, string? DiscretionReason, int Score, string Reason);

public sealed record InspectionRatingsResponse(string ProviderType, string Framework, IReadOnlyList<InspectionStandardResponse> Standards, int TotalScore, Rating? OverallRating, string OverallReason);

public sealed record SampleSizeResponse(int Population, double Confidence, double Margin, int SampleSize);

/// <summary>
/// The inspection rules as a stateless calculator, for what-if questions and for other tools: ratings from key
/// question counts and judged standards, and the sample size for a population. No case data: any signed-in user.
/// </summary>
public static class InspectionApi
{
    public static void MapInspectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inspection").WithTags("Inspection").RequireAuthorization();
        api.MapPost("/ratings", ([FromBody] InspectionRatingsRequest? body) => Rate(body))
            .WithSummary("Rates standards from key question counts (lowest key question, with any recorded discretion) and judged domain one ratings, and the provider overall when all ten are given")
            .WithDescription("providerType: CRC or NPS; framework: 2018 (the default). Each standard: id; for a case-based standard (domains two to four) keyQuestions [{id, yes, no, notApplicable}] for every key question and optionally discretion {rating, reason}; for a domain one standard rating (and evidence). "
                + "Ratings: Outstanding, Good, RequiresImprovement, Inadequate. percentYes = yes ÷ (yes + no), whole number, halves up; bands 80/65/50; overall " + Ratings.OverallBands + ". "
                + "Unknown ids, missing key questions, negative counts, a key question with no applicable case, or discretion without a reason: 400 naming the field.")
            .Produces<InspectionRatingsResponse>()
            .ProducesValidationProblem();
        api.MapGet("/sample-size", (string? population, string? confidence, string? margin) => SampleSize(population, confidence, margin))
            .WithSummary("The case sample size for an eligible population: Cochran's formula with the finite population correction")
            .WithDescription("population: eligible cases (0 or more); confidence: two-sided level between 0.5 and 0.999 (default 0.8); margin: margin of error between 0.01 and 0.5 (default 0.05). "
                + "n0 = z²·0.25/margin²; sampleSize = ceil(n0 / (1 + (n0 − 1)/population)), never above the population.")
            .Produces<SampleSizeResponse>()
            .ProducesValidationProblem();
    }

    private static IResult Rate(InspectionRatingsRequest? body)
    {
        if (body is null)
        {
            return ApiResults.BadRequest("Send the standards to rate as JSON.");
        }

        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = errors.TryGetValue(field, out var had) ? [.. had, message] : [message];

        ProviderType? type = body.ProviderType?.Trim().ToUpperInvariant() switch
        {
            "CRC" => ProviderType.Crc,
            "NPS" => ProviderType.Nps,
            _ => null,
        };
        if (type is null)
        {
            Error("providerType", "Send providerType: CRC or NPS.");
        }

        var framework = Frameworks.Find(body.Framework ?? Frameworks.Current);
        if (framework is null)
        {
            Error("framework", $"'{body.Framework}' is not a framework version: use {string.Join(", ", Frameworks.All.Select(f => f.Version))}.");
        }

        if (body.Standards is not { Count: > 0 })
        {
            Error("standards", "Send at least one standard.");
        }

        var inputs = new List<StandardInput>();
        for (var i = 0; i < (body.Standards?.Count ?? 0); i++)
        {
            var s = body.Standards![i];
            var field = $"standards[{i}]";
            if (s is null || string.IsNullOrWhiteSpace(s.Id))
            {
                Error(field + ".id", "Send the standard's id, for example 2.1.");
                continue;
            }

            var counts = new List<KeyQuestionCount>();
            for (var j = 0; j < (s.KeyQuestions?.Count ?? 0); j++)
            {
                var k = s.KeyQuestions![j];
                var kq = $"{field}.keyQuestions[{j}]";
                if (k is null || string.IsNullOrWhiteSpace(k.Id) || k.Yes is null || k.No is null)
                {
                    Error(kq, "Each key question needs id, yes and no (notApplicable is optional).");
                    continue;
                }

                counts.Add(new(k.Id, k.Yes.Value, k.No.Value, k.NotApplicable ?? 0));
            }

            if (s.Discretion is { Rating: null })
            {
                Error(field + ".discretion.rating", "Discretion needs the rating given.");
                continue;
            }

            inputs.Add(new(s.Id, s.Rating, s.KeyQuestions is null ? null : counts, s.Discretion is { } d ? new(d.Rating!.Value, d.Reason ?? "") : null, s.Evidence));
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var (result, refused) = Ratings.Calculate(framework!, type!.Value, inputs);
        if (result is null)
        {
            foreach (var e in refused)
            {
                Error(e.Field, e.Message);
            }

            return Invalid(errors);
        }

        return Results.Ok(new InspectionRatingsResponse(
            result.ProviderType == ProviderType.Crc ? "CRC" : "NPS",
            result.Framework,
            result.Standards.Select(s => new InspectionStandardResponse(
                s.Id, s.Name, s.KeyQuestions.Select(k => new InspectionKeyQuestionResponse(k.Id, k.Text, k.Yes, k.No, k.NotApplicable, k.Relevant, k.PercentYes, k.RelevantSubSampleOnly)).ToList(),
                s.LowestKeyQuestion, s.CalculatedRating, s.Rating, s.DiscretionApplied, s.DiscretionReason, s.Score, s.Reason)).ToList(),
            result.TotalScore,
            result.OverallRating,
            result.OverallReason));
    }

    private static IResult SampleSize(string? population, string? confidence, string? margin)
    {
        var errors = new Dictionary<string, string[]>();
        if (!int.TryParse(population, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            errors["population"] = ["Send population: the number of eligible cases, a whole number 0 or more."];
        }

        var c = Sampling.DefaultConfidence;
        if (confidence is not null && !(double.TryParse(confidence, NumberStyles.Float, CultureInfo.InvariantCulture, out c) && c is >= 0.5 and <= 0.999))
        {
            errors["confidence"] = ["Send confidence as a proportion from 0.5 to 0.999, for example 0.8."];
        }

        var e = Sampling.DefaultMargin;
        if (margin is not null && !(double.TryParse(margin, NumberStyles.Float, CultureInfo.InvariantCulture, out e) && e is >= 0.01 and <= 0.5))
        {
            errors["margin"] = ["Send margin as a proportion from 0.01 to 0.5, for example 0.05."];
        }

        return errors.Count > 0 ? Invalid(errors) : Results.Ok(new SampleSizeResponse(n, c, e, Sampling.SampleSize(n, c, e)));
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid", detail: string.Join(" ", errors.SelectMany(e => e.Value)));
}
