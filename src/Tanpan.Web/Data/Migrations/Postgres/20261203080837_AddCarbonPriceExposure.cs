using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCarbonPriceExposure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExposureGoods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CnCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProductVersion = table.Column<int>(type: "integer", nullable: true),
                    SeeDirectTPerT = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    SeeIndirectTPerT = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    BenchmarkTPerT = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    DefaultValues = table.Column<bool>(type: "boolean", nullable: false),
                    EuTonnesPerYear = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    UsTonnesPerYear = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    UsBaselineTPerT = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExposureGoods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExposureGoods_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExposureSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    HighLeakage = table.Column<bool>(type: "boolean", nullable: false),
                    Plan = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    EuaPrices = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CarbonPricePaidEurPerT = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    NtdPerEur = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    NtdPerUsd = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExposureSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExposureSettings_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExposureGoods_CompanyId",
                table: "ExposureGoods",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ExposureSettings_CompanyId",
                table: "ExposureSettings",
                column: "CompanyId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExposureGoods");

            migrationBuilder.DropTable(
                name: "ExposureSettings");
        }
    }
}
