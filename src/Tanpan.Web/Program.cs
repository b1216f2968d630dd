using Tanpan.Web.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddTanpan();

var app = builder.Build();
app.MapTanpan();
app.Run();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
