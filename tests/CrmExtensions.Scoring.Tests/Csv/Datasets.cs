namespace CrmExtensions.Scoring.Tests.Csv;

/// <summary>Finds ../shared/datasets files: above the test binaries, under CRMX_DATASETS, or at /work/shared/datasets.</summary>
internal static class Datasets
{
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var root in new[] { Environment.GetEnvironmentVariable("CRMX_DATASETS"), "/work/shared/datasets" })
        {
            if (root is not null && File.Exists(Path.Combine(root, relative)))
            {
                return Path.Combine(root, relative);
            }
        }

        return null;
    }
}
