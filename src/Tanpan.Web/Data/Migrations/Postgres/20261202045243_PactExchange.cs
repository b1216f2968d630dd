using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PactExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PactClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CallbackClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CallbackSecretProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactClients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactClients_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactExchanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SpecMajor = table.Column<int>(type: "integer", nullable: false),
                    RequestEventId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PactClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    SupplierConnectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReplySource = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FilterJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AnswerPfIdsJson = table.Column<string>(type: "text", nullable: true),
                    RejectCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RejectMessage = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Delivery = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactExchanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactExchanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactFootprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductVersion = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeprecatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RecordJson = table.Column<string>(type: "text", nullable: false),
                    RecordHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactFootprints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactFootprints_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedFootprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PfId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupplierConnectionId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SupplierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ProductIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    KgCo2ePerUnit = table.Column<decimal>(type: "numeric(38,18)", precision: 38, scale: 18, nullable: false),
                    DeclaredUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MassKgPerUnit = table.Column<decimal>(type: "numeric(38,18)", precision: 38, scale: 18, nullable: true),
                    ReferenceFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ReferenceTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PrimaryDataPercent = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    TechnologicalDqr = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    TemporalDqr = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    GeographicalDqr = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SelfDeclared = table.Column<bool>(type: "boolean", nullable: false),
                    SpecVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DocumentJson = table.Column<string>(type: "text", nullable: false),
                    DocumentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedFootprints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceivedFootprints_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupplierConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SpecMajor = table.Column<int>(type: "integer", nullable: false),
                    ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SecretProtected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CallbackClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastFetchAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierConnections_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupplierInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupplierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ProductName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DeclaredUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierInvitations_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PactClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactAccessTokens_PactClients_PactClientId",
                        column: x => x.PactClientId,
                        principalTable: "PactClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactClientGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PactClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactClientGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactClientGrants_PactClients_PactClientId",
                        column: x => x.PactClientId,
                        principalTable: "PactClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_ExpiresAtUtc",
                table: "PactAccessTokens",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_PactClientId",
                table: "PactAccessTokens",
                column: "PactClientId");

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_TokenHash",
                table: "PactAccessTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClientGrants_PactClientId_ProductId",
                table: "PactClientGrants",
                columns: new[] { "PactClientId", "ProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClients_ClientId",
                table: "PactClients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClients_CompanyId",
                table: "PactClients",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PactExchanges_CompanyId_Direction_RequestEventId",
                table: "PactExchanges",
                columns: new[] { "CompanyId", "Direction", "RequestEventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactExchanges_Delivery_NextAttemptAtUtc",
                table: "PactExchanges",
                columns: new[] { "Delivery", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PactFootprints_CompanyId",
                table: "PactFootprints",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PactFootprints_ProductId_ProductVersion",
                table: "PactFootprints",
                columns: new[] { "ProductId", "ProductVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedFootprints_CompanyId_PfId",
                table: "ReceivedFootprints",
                columns: new[] { "CompanyId", "PfId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierConnections_CompanyId",
                table: "SupplierConnections",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierInvitations_CompanyId",
                table: "SupplierInvitations",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierInvitations_TokenHash",
                table: "SupplierInvitations",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PactAccessTokens");

            migrationBuilder.DropTable(
                name: "PactClientGrants");

            migrationBuilder.DropTable(
                name: "PactExchanges");

            migrationBuilder.DropTable(
                name: "PactFootprints");

            migrationBuilder.DropTable(
                name: "ReceivedFootprints");

            migrationBuilder.DropTable(
                name: "SupplierConnections");

            migrationBuilder.DropTable(
                name: "SupplierInvitations");

            migrationBuilder.DropTable(
                name: "PactClients");
        }
    }
}
